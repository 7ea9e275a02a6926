package org.bmaptool.domain.format;

/**
 * A bmap format version and the rules that come with it. Versions 1.0 to 1.2 carry no
 * checksums that are verified; 1.3 carries SHA-1 ({@code sha1=} attributes,
 * {@code <BmapFileSHA1>}); 1.4 and every 2.x name their hash in
 * {@code <ChecksumType>} ({@code chksum=} attributes, {@code <BmapFileChecksum>}). A
 * higher minor of a known major is read by the format's own rule: ignore what is unknown.
 */
public sealed interface FormatVersion permits FormatVersion.Unchecked, FormatVersion.Sha1, FormatVersion.Typed {

    int major();

    int minor();

    /** The name of the element holding the file's own checksum, or null when there is none. */
    String fileChecksumElement();

    /** The name of the range attribute holding a range's checksum, or null when there is none. */
    String rangeChecksumAttribute();

    /** The version as the bmap writes it, {@code "major.minor"}. */
    default String text() {
        return major() + "." + minor();
    }

    /** Versions 1.0 to 1.2: no checksums are verified. */
    record Unchecked(int major, int minor) implements FormatVersion {
        @Override
        public String fileChecksumElement() {
            return null;
        }

        @Override
        public String rangeChecksumAttribute() {
            return null;
        }
    }

    /** Version 1.3: SHA-1 checksums. */
    record Sha1(int major, int minor) implements FormatVersion {
        @Override
        public String fileChecksumElement() {
            return "BmapFileSHA1";
        }

        @Override
        public String rangeChecksumAttribute() {
            return "sha1";
        }
    }

    /** Version 1.4 and 2.x: the checksum type is named in the file. */
    record Typed(int major, int minor) implements FormatVersion {
        @Override
        public String fileChecksumElement() {
            return "BmapFileChecksum";
        }

        @Override
        public String rangeChecksumAttribute() {
            return "chksum";
        }
    }

    /** The version this tool writes. */
    FormatVersion CURRENT = new Typed(2, 0);

    /**
     * Parses a {@code version} attribute: {@code major.minor}, blanks around it allowed.
     *
     * @throws BmapException for other text, or a major above 2, naming {@code fileName}
     */
    static FormatVersion parse(String text, String fileName) {
        return VersionText.parse(text, why -> new BmapException("bmap file '" + fileName + "': " + why));
    }
}
