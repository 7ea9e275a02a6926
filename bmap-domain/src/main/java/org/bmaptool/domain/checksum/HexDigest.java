package org.bmaptool.domain.checksum;

import java.util.HexFormat;

/** Lower-case hex text of digests, as bmap files and upstream's messages show them. */
public final class HexDigest {
    private static final HexFormat HEX = HexFormat.of();

    private HexDigest() {
    }

    public static String of(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /**
     * True when {@code computed} and {@code expected} spell the same digest. Hex digits
     * compare without regard to case: the reader lowers a bmap's checksums, but an old
     * bmap's upper-case digits, or a range made in code, must match all the same.
     */
    public static boolean matches(String computed, String expected) {
        return computed.equalsIgnoreCase(expected);
    }
}
