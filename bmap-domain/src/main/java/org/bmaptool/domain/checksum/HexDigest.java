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
}
