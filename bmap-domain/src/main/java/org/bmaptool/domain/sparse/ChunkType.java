package org.bmaptool.domain.sparse;

/**
 * The four chunk types of the Android sparse format 1.0, with their codes from AOSP's
 * {@code sparse_format.h}: RAW carries its blocks' bytes, FILL one 4-byte value repeated
 * over its blocks, DONT_CARE nothing (the blocks are not written), CRC32 the CRC-32 of the
 * image expanded so far and no blocks.
 */
public enum ChunkType {
    RAW(0xCAC1),
    FILL(0xCAC2),
    DONT_CARE(0xCAC3),
    CRC32(0xCAC4);

    private final int code;

    ChunkType(int code) {
        this.code = code;
    }

    /** The 16-bit code in the chunk header. */
    public int code() {
        return code;
    }

    /** The type with {@code code}, or null when the format has none. */
    static ChunkType of(int code) {
        for (ChunkType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** The number of data bytes that follow a chunk header of this type. */
    long dataBytes(long blocks, int blockSize) {
        return switch (this) {
            case RAW -> blocks * blockSize;
            case FILL, CRC32 -> 4;
            case DONT_CARE -> 0;
        };
    }
}
