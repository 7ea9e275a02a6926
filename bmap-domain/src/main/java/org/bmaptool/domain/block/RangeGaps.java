package org.bmaptool.domain.block;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The block ranges of an image that none of its mapped ranges cover: the holes between
 * them, before the first and after the last, up to the image's block count. The mapped
 * ranges are streamed in ascending order, none overlapping another, as a checked bmap
 * lists them; {@code copy --zero-unmapped} zeroes what this yields.
 */
public final class RangeGaps implements Iterator<BlockRange> {
    private final Iterator<BlockRange> mapped;
    private final long blocksCount;
    /** The first block not known to be mapped. */
    private long from;
    private BlockRange pending;

    /**
     * @param mapped ranges in ascending order, none overlapping another, all below {@code blocksCount}
     * @param blocksCount the number of blocks of the image
     */
    public RangeGaps(Iterator<BlockRange> mapped, long blocksCount) {
        this.mapped = mapped;
        this.blocksCount = blocksCount;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && from < blocksCount) {
            if (!mapped.hasNext()) {
                pending = new BlockRange(from, blocksCount - 1);
                from = blocksCount;
            } else {
                BlockRange range = mapped.next();
                if (range.first() < from || range.last() >= blocksCount) {
                    throw new IllegalArgumentException("range " + range + " is out of order or past block "
                            + (blocksCount - 1));
                }
                if (range.first() > from) {
                    pending = new BlockRange(from, range.first() - 1);
                }
                from = range.last() + 1;
            }
        }
        return pending != null;
    }

    @Override
    public BlockRange next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BlockRange gap = pending;
        pending = null;
        return gap;
    }
}
