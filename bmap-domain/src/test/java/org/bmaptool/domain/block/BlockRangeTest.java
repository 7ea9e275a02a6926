package org.bmaptool.domain.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bmaptool.domain.format.BmapHeader;
import org.junit.jupiter.api.Test;

class BlockRangeTest {

    @Test
    void coversBytesFromTheFirstBlockToTheEndOfTheLast() {
        BlockRange range = new BlockRange(3, 5);

        assertEquals(3, range.length());
        assertEquals(3 * 4096, range.startByte(4096));
        assertEquals(6 * 4096, range.endByte(4096, 100 * 4096));
    }

    @Test
    void endsAtTheImageSizeInAPartialLastBlock() {
        // upstream's test image: 821752 bytes, 201 blocks, the last holding 2552 bytes.
        assertEquals(821752, new BlockRange(198, 200).endByte(4096, 821752));
    }

    @Test
    void endsWithoutOverflowNearTheTopOfTheLongRange() {
        long imageSize = Long.MAX_VALUE - 10;
        long lastBlock = BmapHeader.blocksFor(imageSize, 4096) - 1;

        assertEquals(imageSize, new BlockRange(lastBlock - 1, lastBlock).endByte(4096, imageSize));
        assertEquals(lastBlock + 1, BmapHeader.blocksFor(imageSize, 4096));
    }

    @Test
    void writesItselfAsABmapRange() {
        assertEquals("3-5", new BlockRange(3, 5).toString());
        assertEquals("7", new BlockRange(7, 7).toString());
    }

    @Test
    void knowsItsNeighbour() {
        assertTrue(new BlockRange(3, 5).isFollowedBy(new BlockRange(6, 6)));
        assertFalse(new BlockRange(3, 5).isFollowedBy(new BlockRange(7, 9)));
    }

    @Test
    void refusesAReversedRange() {
        assertThrows(IllegalArgumentException.class, () -> new BlockRange(5, 3));
        assertThrows(IllegalArgumentException.class, () -> new BlockRange(-1, 3));
    }
}
