package org.bmaptool.domain.sparse;

import java.util.List;
import org.bmaptool.domain.block.BlockRange;

/**
 * What a sparse image to be written holds: the block size, the exact size of the image in
 * bytes and its mapped block ranges, ascending and not overlapping (a bmap's block map).
 * Blocks outside the ranges are holes. The format counts whole blocks, so an image whose
 * size is not a multiple of the block size is written padded with zeros to the block;
 * {@link #padding()} says by how many bytes, for the caller's info line.
 */
public record SparseLayout(int blockSize, long imageSize, List<BlockRange> ranges) {

    public SparseLayout {
        if (blockSize <= 0 || blockSize % 4 != 0) {
            throw new IllegalArgumentException("sparse block size " + blockSize + " is not a positive multiple of 4");
        }
        if (imageSize < 0) {
            throw new IllegalArgumentException("negative image size " + imageSize);
        }
        ranges = List.copyOf(ranges);
        long blocks = (imageSize + blockSize - 1) / blockSize;
        if (blocks > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("an image of " + blocks + " blocks is too large for the sparse format");
        }
        long next = 0;
        for (BlockRange range : ranges) {
            if (range.first() < next || range.last() >= blocks) {
                throw new IllegalArgumentException("block range " + range + " is out of order or past the image's "
                        + blocks + " blocks");
            }
            next = range.last() + 1;
        }
    }

    /** The number of blocks of the image, the last one counted whole. */
    public long totalBlocks() {
        return (imageSize + blockSize - 1) / blockSize;
    }

    /** The zeros added after the image to make its last block whole; 0 for a whole number of blocks. */
    public long padding() {
        return totalBlocks() * blockSize - imageSize;
    }

    /** The number of bytes of the image in {@code range}: the last block of the image may be partial. */
    public long bytesOf(BlockRange range) {
        return range.endByte(blockSize, imageSize) - range.startByte(blockSize);
    }
}
