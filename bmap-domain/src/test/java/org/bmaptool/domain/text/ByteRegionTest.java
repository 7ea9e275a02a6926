package org.bmaptool.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bmaptool.domain.block.BlockRange;
import org.junit.jupiter.api.Test;

class ByteRegionTest {

    @Test
    void startAndEndAreByteCountsAsDdReadsThem() {
        assertEquals(new ByteRegion(8 << 20, 9 << 20), ByteRegion.parse("8M:9MiB"));
        assertEquals(new ByteRegion(1024, 4096), ByteRegion.parse("2b:4K"));
        assertEquals(new ByteRegion(0, 1000), ByteRegion.parse("0:1kB"));
    }

    @Test
    void theRegionCoversEveryBlockItTouches() {
        assertEquals(new BlockRange(2, 3), new ByteRegion(8192, 16384).blocks(4096));
        assertEquals(new BlockRange(1, 4), new ByteRegion(4097, 16385).blocks(4096));
        assertEquals(new BlockRange(0, 0), new ByteRegion(0, 1).blocks(4096));
    }

    @Test
    void aTextThatIsNoRegionIsRefusedQuotingItAndSayingWhy() {
        assertEquals("'8M' is not a region: expected START:END, two byte counts (END excluded)",
                assertThrows(ByteCountException.class, () -> ByteRegion.parse("8M")).getMessage());
        assertEquals("'1:2:3' is not a region: expected START:END, two byte counts (END excluded)",
                assertThrows(ByteCountException.class, () -> ByteRegion.parse("1:2:3")).getMessage());
        assertEquals("'9M:8M' is not a region: its end (8388608) is not after its start (9437184)",
                assertThrows(ByteCountException.class, () -> ByteRegion.parse("9M:8M")).getMessage());
        assertEquals("'4K:4K' is not a region: its end (4096) is not after its start (4096)",
                assertThrows(ByteCountException.class, () -> ByteRegion.parse("4K:4K")).getMessage());
        assertEquals("'1Q:2M' is not a region: '1Q' is not a byte count: unknown suffix 'Q' (dd's suffixes: c, w, b,"
                        + " kB, K, KiB, MB, M, MiB, GB, G, GiB, and so on for T, P, E, Z, Y)",
                assertThrows(ByteCountException.class, () -> ByteRegion.parse("1Q:2M")).getMessage());
        assertThrows(ByteCountException.class, () -> ByteRegion.parse(":2M"));
    }
}
