package org.bmaptool.domain.sparse;

/**
 * One chunk of a sparse image as the reader met it: its number (from 1), the byte offset
 * of its header in the file, its type, the first block of the expanded image it covers and
 * how many blocks, and for FILL the repeated 4-byte value (for CRC32 the stored checksum;
 * otherwise 0). The value is the little-endian int of the four bytes as they appear in the
 * file, so writing it back little-endian repeats the same bytes.
 */
public record SparseChunk(int number, long fileOffset, ChunkType type, long firstBlock, long blocks, int value) {

    /** The block just past this chunk. */
    public long endBlock() {
        return firstBlock + blocks;
    }

    /** The first byte of the expanded image this chunk covers. */
    public long startByte(int blockSize) {
        return firstBlock * blockSize;
    }

    /** Whether the chunk puts bytes into the image (RAW and FILL) rather than leaving a hole. */
    public boolean mapped() {
        return type == ChunkType.RAW || type == ChunkType.FILL;
    }
}
