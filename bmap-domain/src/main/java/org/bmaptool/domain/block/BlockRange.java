package org.bmaptool.domain.block;

/**
 * An inclusive run of block numbers, {@code first} to {@code last}, as a bmap's
 * {@code <Range>} element names it. Block numbers are counted from zero in units of
 * the image's block size.
 */
public record BlockRange(long first, long last) {

    public BlockRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad block range " + first + "-" + last);
        }
    }

    /** The number of blocks in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The first byte of the range in an image with blocks of {@code blockSize} bytes. */
    public long startByte(int blockSize) {
        return first * blockSize;
    }

    /**
     * The byte just past the range, cut at {@code imageSize}: the last block of an
     * image may be partial, and a checksum covers only the bytes the image has.
     */
    public long endByte(int blockSize, long imageSize) {
        // Compared in blocks first so that a range near the top of the long range cannot overflow.
        return last + 1 > imageSize / blockSize ? imageSize : (last + 1) * blockSize;
    }

    /** True when {@code next} starts right after this range ends. */
    public boolean isFollowedBy(BlockRange next) {
        return next.first == last + 1;
    }

    /** The bmap text form: {@code "a-b"}, or {@code "a"} for a single block. */
    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + "-" + last;
    }
}
