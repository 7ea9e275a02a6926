package org.bmaptool.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PageAlignedBuffersTest {

    @Test
    void bufferStartsOnAPageAndHoldsExactlyTheBytesAskedFor() {
        for (int bytes : new int[] {512, 2048, 4096, 256 << 10, 1 << 20}) {
            ByteBuffer buffer = PageAlignedBuffers.allocate(bytes);
            assertTrue(buffer.isDirect());
            assertEquals(bytes, buffer.capacity());
            assertEquals(0, buffer.position());
            assertEquals(bytes, buffer.limit());
            assertEquals(0, buffer.alignmentOffset(0, 4096), "first byte on a page boundary");
        }
    }
}
