package org.bmaptool.domain.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeUnionTest {

    private static List<BlockRange> ranges(long... pairs) {
        List<BlockRange> ranges = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            ranges.add(new BlockRange(pairs[i], pairs[i + 1]));
        }
        return ranges;
    }

    private static List<BlockRange> union(List<BlockRange> streamed, List<BlockRange> extra) {
        List<BlockRange> out = new ArrayList<>();
        new RangeUnion(streamed.iterator(), extra).forEachRemaining(out::add);
        return out;
    }

    @Test
    void withoutExtraRangesTheStreamedOnesComeOutUnchanged() {
        List<BlockRange> file = ranges(0, 3, 10, 10, 20, 29);
        assertEquals(file, union(file, List.of()));
    }

    @Test
    void aRegionInAHoleIsAddedBetweenTheExtentsInOrder() {
        assertEquals(ranges(0, 3, 6, 7, 10, 10), union(ranges(0, 3, 10, 10), ranges(6, 7)));
    }

    @Test
    void adjacentRangesBecomeOne() {
        assertEquals(ranges(0, 10), union(ranges(0, 3, 8, 10), ranges(4, 7)));
        assertEquals(ranges(5, 20), union(ranges(5, 9), ranges(10, 20)));
    }

    @Test
    void overlappingRegionsInAnyOrderMergeWithTheExtentsTheyTouch() {
        assertEquals(ranges(0, 0, 2, 30, 40, 41), union(ranges(0, 0, 5, 6, 12, 14, 40, 41),
                ranges(20, 30, 2, 8, 7, 13, 14, 19)));
    }

    @Test
    void aRegionInsideAnExtentChangesNothing() {
        assertEquals(ranges(0, 100), union(ranges(0, 100), ranges(10, 20, 99, 100)));
    }

    @Test
    void regionsAloneAreListedWhenTheFileHasNoData() {
        assertEquals(ranges(3, 4, 9, 9), union(List.of(), ranges(9, 9, 3, 4)));
    }

    @Test
    void theEndIsTheEnd() {
        RangeUnion union = new RangeUnion(List.<BlockRange>of().iterator(), List.of());
        assertFalse(union.hasNext());
        assertThrows(NoSuchElementException.class, union::next);
    }

    @Test
    void rangesAtTheTopOfTheLongRangeMergeWithoutOverflow() {
        assertEquals(ranges(Long.MAX_VALUE - 5, Long.MAX_VALUE), union(ranges(Long.MAX_VALUE - 5, Long.MAX_VALUE - 2),
                ranges(Long.MAX_VALUE - 1, Long.MAX_VALUE)));
    }

    @Test
    void randomRangesCoverExactlyTheBlocksOfBothInputsInTheFewestRanges() {
        Random random = new Random(18);
        for (int round = 0; round < 200; round++) {
            boolean[] covered = new boolean[300];
            List<BlockRange> file = new ArrayList<>();
            for (int block = random.nextInt(5); block < 280; block += 2 + random.nextInt(20)) {
                int last = block + random.nextInt(10);
                file.add(new BlockRange(block, last));
                block = last;
            }
            List<BlockRange> extra = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                int first = random.nextInt(280);
                extra.add(new BlockRange(first, first + random.nextInt(19)));
            }
            file.forEach(r -> mark(covered, r));
            extra.forEach(r -> mark(covered, r));
            List<BlockRange> expected = new ArrayList<>();
            for (int b = 0; b < covered.length; b++) {
                if (covered[b]) {
                    int first = b;
                    while (b + 1 < covered.length && covered[b + 1]) {
                        b++;
                    }
                    expected.add(new BlockRange(first, b));
                }
            }
            assertEquals(expected, union(file, extra), "round " + round);
        }
    }

    private static void mark(boolean[] covered, BlockRange range) {
        for (long b = range.first(); b <= range.last(); b++) {
            covered[(int) b] = true;
        }
    }
}
