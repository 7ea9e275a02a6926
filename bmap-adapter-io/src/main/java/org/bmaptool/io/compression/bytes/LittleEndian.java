package org.bmaptool.io.compression.bytes;

/** The 32-bit little-endian integers of the gzip and xz containers, in byte arrays. */
public final class LittleEndian {

    private LittleEndian() {
    }

    /** The int in {@code bytes[at, at + 4)}. */
    public static int getInt(byte[] bytes, int at) {
        return bytes[at] & 0xff | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    /** Puts {@code value} into {@code target[at, at + 4)}. */
    public static void putInt(byte[] target, int at, int value) {
        for (int i = 0; i < 4; i++) {
            target[at + i] = (byte) (value >>> 8 * i);
        }
    }
}
