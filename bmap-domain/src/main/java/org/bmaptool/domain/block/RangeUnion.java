package org.bmaptool.domain.block;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The fewest block ranges that cover two sequences of ranges: ranges that overlap or
 * touch (one ends right before the next starts) become one. The first sequence is
 * streamed in ascending order of first block (a file's extents, however many); the
 * second is a few ranges in any order (the regions a user named), sorted here.
 * {@code create --nomap} lists a file's data and the regions that must be written
 * through it.
 */
public final class RangeUnion implements Iterator<BlockRange> {
    private final Iterator<BlockRange> streamed;
    private final List<BlockRange> extra;
    private int nextExtra;
    private BlockRange nextStreamed;

    /**
     * @param streamed ranges in ascending order of their first block
     * @param extra ranges in any order
     */
    public RangeUnion(Iterator<BlockRange> streamed, Collection<BlockRange> extra) {
        this.streamed = streamed;
        List<BlockRange> sorted = new ArrayList<>(extra);
        sorted.sort(Comparator.comparingLong(BlockRange::first));
        this.extra = List.copyOf(sorted);
    }

    @Override
    public boolean hasNext() {
        return nextStreamed != null || streamed.hasNext() || nextExtra < extra.size();
    }

    @Override
    public BlockRange next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BlockRange current = take();
        while (true) {
            BlockRange following = peek();
            // Compared as "first - 1 <= last" so that a range ending at Long.MAX_VALUE cannot overflow.
            if (following == null || following.first() - 1 > current.last()) {
                return current;
            }
            take();
            current = new BlockRange(current.first(), Math.max(current.last(), following.last()));
        }
    }

    /** The range with the lowest first block of the two inputs, without taking it; null at the end. */
    private BlockRange peek() {
        if (nextStreamed == null && streamed.hasNext()) {
            nextStreamed = streamed.next();
        }
        BlockRange fromExtra = nextExtra < extra.size() ? extra.get(nextExtra) : null;
        if (nextStreamed == null) {
            return fromExtra;
        }
        return fromExtra != null && fromExtra.first() < nextStreamed.first() ? fromExtra : nextStreamed;
    }

    private BlockRange take() {
        BlockRange lowest = peek();
        if (lowest == nextStreamed) {
            nextStreamed = null;
        } else {
            nextExtra++;
        }
        return lowest;
    }
}
