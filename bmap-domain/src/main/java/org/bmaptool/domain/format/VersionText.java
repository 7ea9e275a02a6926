package org.bmaptool.domain.format;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of a {@code version} attribute, with the caller choosing how a failure reads. */
final class VersionText {
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})");

    private VersionText() {
    }

    static FormatVersion parse(String text, Function<String, BmapException> fail) {
        Matcher parts = MAJOR_MINOR.matcher(text.strip());
        if (!parts.matches()) {
            throw fail.apply("version \"" + text + "\" is not \"major.minor\"");
        }
        int major = Integer.parseInt(parts.group(1));
        int minor = Integer.parseInt(parts.group(2));
        if (major == 0) {
            throw fail.apply("format version " + text.strip() + " does not exist: versions start at 1.0");
        }
        if (major == 1 && minor <= 2) {
            return new FormatVersion.Unchecked(major, minor);
        }
        if (major == 1 && minor == 3) {
            return new FormatVersion.Sha1(major, minor);
        }
        // 1.4 was a numbering mistake for 2.0; a higher minor only adds what older readers may ignore.
        if (major == 1 || major == 2) {
            return new FormatVersion.Typed(major, minor);
        }
        throw fail.apply("format version " + text.strip() + " is not supported: this bmaptool reads"
                + " versions 1.0 to 2.x; a newer major version needs a newer bmaptool")
                .afterUpstreamWords("only bmap format version up to 2 is supported, version " + major
                        + " is not supported");
    }
}
