package org.bmaptool.domain.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeGapsTest {

    private static List<BlockRange> ranges(long... pairs) {
        List<BlockRange> ranges = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            ranges.add(new BlockRange(pairs[i], pairs[i + 1]));
        }
        return ranges;
    }

    private static List<BlockRange> gaps(List<BlockRange> mapped, long blocksCount) {
        List<BlockRange> out = new ArrayList<>();
        new RangeGaps(mapped.iterator(), blocksCount).forEachRemaining(out::add);
        return out;
    }

    @Test
    void theGapsAreBeforeBetweenAndAfterTheMappedRanges() {
        assertEquals(ranges(0, 1, 4, 9, 12, 19), gaps(ranges(2, 3, 10, 11), 20));
    }

    @Test
    void rangesAtBothEndsLeaveOnlyTheInnerGaps() {
        assertEquals(ranges(4, 5), gaps(ranges(0, 3, 6, 9), 10));
    }

    @Test
    void adjacentMappedRangesLeaveNoGapBetweenThem() {
        assertEquals(ranges(8, 9), gaps(ranges(0, 3, 4, 7), 10));
    }

    @Test
    void anImageWithoutMappedBlocksIsOneGapAndAFullOneNone() {
        assertEquals(ranges(0, 99), gaps(List.of(), 100));
        assertEquals(List.of(), gaps(ranges(0, 99), 100));
    }

    @Test
    void rangesOutOfOrderOrPastTheImageAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> gaps(ranges(5, 6, 2, 3), 10));
        assertThrows(IllegalArgumentException.class, () -> gaps(ranges(5, 10), 10));
    }
}
