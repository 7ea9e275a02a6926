package org.bmaptool.io.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

/** The front-to-back reading every stream-like source shares: skipping forward, never back. */
class ForwardOnlySourceTest {

    /** Bytes 0, 1, 2... of {@code length}, skipping at most 3 and reading at most 5 at a time. */
    private static final class Counting extends ForwardOnlySource {
        final int length;
        int at;

        Counting(int length) {
            super("counting", OptionalLong.of(length));
            this.length = length;
        }

        @Override
        protected long skip(long count) {
            if (at == length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(3, count), length - at);
            at += n;
            return n;
        }

        @Override
        protected int readHere(ByteBuffer target) {
            if (at == length) {
                return -1;
            }
            int n = Math.min(Math.min(5, target.remaining()), length - at);
            for (int i = 0; i < n; i++) {
                target.put((byte) at++);
            }
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aReadFurtherOnSkipsInAsManyStepsAsTheSourceNeeds() throws IOException {
        Counting source = new Counting(100);
        ByteBuffer buffer = ByteBuffer.allocate(10);
        assertEquals(5, source.read(buffer, 17));
        assertEquals(17, buffer.get(0));
        assertEquals(22, source.position());
        buffer.clear();
        assertEquals(5, source.read(buffer, 22), "reading on where the last read ended skips nothing");
        assertEquals(22, buffer.get(0));
    }

    @Test
    void aReadBehindThePositionIsRefused() throws IOException {
        Counting source = new Counting(100);
        source.read(ByteBuffer.allocate(4), 50);
        PortException e = assertThrows(PortException.class, () -> source.read(ByteBuffer.allocate(4), 10));
        assertTrue(e.getMessage().contains("cannot go back from byte 54 to 10 in counting"), e.getMessage());
    }

    @Test
    void skippingPastTheEndIsTheEnd() throws IOException {
        Counting source = new Counting(20);
        assertEquals(-1, source.read(ByteBuffer.allocate(4), 25));
        assertEquals(20, source.position());
    }
}
