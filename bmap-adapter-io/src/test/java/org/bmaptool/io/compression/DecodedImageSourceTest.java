package org.bmaptool.io.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.bmaptool.io.compression.parallel.DecodedPieces;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

/** The decoded image as the copy reads it: forward only, skipping by reading, failing loudly. */
class DecodedImageSourceTest {

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        return bytes;
    }

    private static DecodedImageSource source(InputStream decoded) {
        return new DecodedImageSource("test.img.gz", OptionalLong.empty(), decoded, decoded,
                e -> new PortException("failed: " + e.getMessage(), e));
    }

    /** Reads at each of {@code positions} in turn, each read giving some of {@code data}'s bytes there. */
    private static void assertReadsAt(DecodedImageSource source, byte[] data, ByteBuffer buffer, long... positions)
            throws IOException {
        for (long position : positions) {
            buffer.clear();
            int n = source.read(buffer, position);
            assertTrue(n > 0, "read at " + position);
            assertArrayEquals(Arrays.copyOfRange(data, (int) position, (int) position + n),
                    Arrays.copyOf(buffer.array(), n), "bytes at " + position);
        }
    }

    @Test
    void readsForwardAndSkipsOverGapsAcrossBuffers() throws IOException {
        byte[] data = bytes(5 * (1 << 20) + 77);
        try (DecodedImageSource source = source(new ByteArrayInputStream(data))) {
            ByteBuffer buffer = ByteBuffer.allocate(1000);
            assertReadsAt(source, data, buffer,
                    0, 1000, 5000, 1 << 20, (1 << 20) + 999_000, 3 * (1 << 20) + 5, data.length - 500);
            buffer.clear();
            assertEquals(-1, source.read(buffer, data.length + 10), "past the end");
        }
    }

    /** A decoder that hands out {@code data} in slices of its own arrays, at odd offsets, and counts returns. */
    private static final class SlicedDecoder extends InputStream implements DecodedPieces {
        final byte[] data;
        final java.util.Set<byte[]> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int given;
        int returned;
        int position;

        SlicedDecoder(byte[] data) {
            this.data = data;
        }

        @Override
        public synchronized Slice next() {
            if (position == data.length) {
                return null;
            }
            int length = Math.min(data.length - position, 70_000 + position % 1000);
            int offset = given % 3 * 11;
            byte[] bytes = new byte[offset + length + 5];
            System.arraycopy(data, position, bytes, offset, length);
            position += length;
            given++;
            out.add(bytes);
            return new Slice(bytes, offset, length);
        }

        @Override
        public synchronized void giveBack(byte[] bytes) {
            assertTrue(out.remove(bytes), "an array handed out, given back once");
            returned++;
        }

        @Override
        public int read() {
            throw new AssertionError("the pieces are taken, not copied");
        }
    }

    @Test
    void takesAPieceDecodersArraysWithoutCopyingAndGivesThemBack() throws IOException {
        byte[] data = bytes(3 * (1 << 20) + 123);
        SlicedDecoder decoder = new SlicedDecoder(data);
        try (DecodedImageSource source = source(decoder)) {
            assertReadsAt(source, data, ByteBuffer.allocate(100_000),
                    0, 100_000, 150_000, 1 << 20, 2 * (1 << 20) + 33, data.length - 500);
            assertEquals(OptionalLong.of(data.length), source.readToEnd(data.length));
        }
        assertEquals(decoder.given, decoder.returned, "every array read through is given back");
    }

    @Test
    void refusesToGoBack() throws IOException {
        try (DecodedImageSource source = source(new ByteArrayInputStream(bytes(100_000)))) {
            source.read(ByteBuffer.allocate(10), 50_000);
            PortException e = assertThrows(PortException.class, () -> source.read(ByteBuffer.allocate(10), 0));
            assertTrue(e.getMessage().contains("cannot go back"), e.getMessage());
        }
    }

    @Test
    void decoderFailureReachesTheReaderAfterTheGoodBytes() throws IOException {
        byte[] good = bytes(1_500_000);
        InputStream failing = new InputStream() {
            private final InputStream in = new ByteArrayInputStream(good);

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("bad block");
                }
                return b;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                int n = in.read(target, offset, length);
                if (n < 0) {
                    throw new IOException("bad block");
                }
                return n;
            }
        };
        try (DecodedImageSource source = source(failing)) {
            ByteBuffer buffer = ByteBuffer.allocate(good.length);
            long position = 0;
            PortException e = null;
            try {
                int n;
                while ((n = source.read(buffer, position)) > 0) {
                    position += n;
                }
            } catch (PortException failure) {
                e = failure;
            }
            assertEquals("failed: bad block", e == null ? null : e.getMessage());
            assertEquals(1 << 20, position, "the full buffer before the failure was delivered");
        }
    }

    @Test
    void closeStopsADecoderThatIsStillRunning() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                return length;
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        DecodedImageSource source = source(endless);
        source.read(ByteBuffer.allocate(10), 0);
        source.close();
        assertEquals(0, closed.getCount(), "the decoder closed its stream");
    }

    @Test
    void passesOnADecoderThatRunsOutOfMemoryInsteadOfWaitingForEver() throws IOException {
        InputStream greedy = new InputStream() {
            @Override
            public int read() {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        try (DecodedImageSource source = source(greedy)) {
            PortException e = assertThrows(PortException.class, () -> source.read(ByteBuffer.allocate(10), 0));
            assertEquals("failed: the stream needs more memory to decode than there is (Java heap space)",
                    e.getMessage());
        }
    }
}
