package org.bmaptool.domain.sparse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The file header of an Android sparse image (format 1.0): the block size in bytes (a
 * multiple of 4), the number of blocks of the expanded image, the number of chunks in the
 * file and the CRC-32 of the expanded image, 0 when the writer did not compute it. The
 * counts are unsigned 32-bit fields on disk and held here as longs.
 */
public record SparseHeader(int blockSize, long totalBlocks, long totalChunks, int imageChecksum) {

    /** The magic number in the file's first four bytes (little-endian). */
    public static final int MAGIC = 0xED26FF3A;
    /** The size of the header we write and the least a reader accepts. */
    public static final int SIZE = 28;
    /** The size of the chunk headers we write and the least a reader accepts. */
    public static final int CHUNK_HEADER_SIZE = 12;

    private static final long MAX_U32 = 0xFFFF_FFFFL;

    public SparseHeader {
        if (blockSize <= 0 || blockSize % 4 != 0) {
            throw new IllegalArgumentException("sparse block size " + blockSize + " is not a positive multiple of 4");
        }
        if (totalBlocks < 0 || totalBlocks > MAX_U32 || totalChunks < 0 || totalChunks > MAX_U32) {
            throw new IllegalArgumentException("sparse counts out of range: " + totalBlocks + " blocks, " + totalChunks + " chunks");
        }
    }

    /** The size in bytes of the expanded image: whole blocks, as the format counts. */
    public long expandedSize() {
        return totalBlocks * blockSize;
    }

    /** The 28 bytes of this header as we write it: version 1.0, 28-byte file and 12-byte chunk headers. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putShort((short) 1).putShort((short) 0)
                .putShort((short) SIZE).putShort((short) CHUNK_HEADER_SIZE)
                .putInt(blockSize).putInt((int) totalBlocks).putInt((int) totalChunks).putInt(imageChecksum)
                .array();
    }

    /** Whether {@code head}, the first bytes of a file, start with the sparse magic. */
    public static boolean looksLikeSparse(byte[] head) {
        return head.length >= 4
                && ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
    }
}
