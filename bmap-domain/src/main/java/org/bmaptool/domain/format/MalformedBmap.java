package org.bmaptool.domain.format;

import java.io.IOException;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;

/**
 * What a StAX parser's failure means for a bmap, in one line: not UTF-8, too large,
 * unreadable, or not well-formed XML (with upstream's words first).
 */
final class MalformedBmap {

    private MalformedBmap() {
    }

    /** The failure {@code e} of parsing bmap file {@code name}. */
    static BmapException of(String name, XMLStreamException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkupGuard.RunTooLong) {
                return new BmapException("bmap file '" + name + "': too large for a bmap: " + cause.getMessage(), e);
            }
            if (cause instanceof java.io.CharConversionException) {
                // Bytes that are not UTF-8 (a binary file, another encoding): the file is at
                // fault, not the disk. The decoder runs ahead of the parser, so neither the
                // parser's line nor the decoder's position ("byte #-1") says where: none is given.
                String detail = String.valueOf(cause.getMessage()).replaceFirst("\\s*\\(at char #.*$", "");
                return new BmapException("bmap file '" + name + "' is not UTF-8 text: "
                        + detail.substring(0, 1).toLowerCase(Locale.ROOT) + detail.substring(1), e);
            }
            if (cause instanceof IOException) {
                return new BmapException("cannot read bmap file '" + name + "': " + cause.getMessage(), e);
            }
        }
        String where = e.getLocation() != null && e.getLocation().getLineNumber() > 0
                ? ", line " + e.getLocation().getLineNumber() : "";
        String why = e.getMessage() == null ? "" : e.getMessage().lines()
                .filter(l -> !l.strip().startsWith("at [")).reduce((a, b) -> a + " " + b).orElse("").strip();
        // Parsers prefix their messages with the location; it is given once already.
        why = why.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
        boolean tooLarge = why.matches("(?i).*limit.*exceeded.*");
        BmapException failure = new BmapException("bmap file '" + name + "'" + where + ": "
                + (tooLarge ? "too large for a bmap: " : "not well-formed XML: ")
                + (why.isEmpty() ? "the parser gave no reason" : why), e);
        return tooLarge ? failure
                : failure.afterUpstreamWords("cannot parse the bmap file '" + name + "' which should be a proper XML file");
    }
}
