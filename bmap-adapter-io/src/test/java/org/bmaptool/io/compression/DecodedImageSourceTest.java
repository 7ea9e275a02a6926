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

    @Test
    void readsForwardAndSkipsOverGapsAcrossBuffers() throws IOException {
        byte[] data = bytes(5 * (1 << 20) + 77);
        try (DecodedImageSource source = source(new ByteArrayInputStream(data))) {
            ByteBuffer buffer = ByteBuffer.allocate(1000);
            long[] positions = {0, 1000, 5000, 1 << 20, (1 << 20) + 999_000, 3 * (1 << 20) + 5, data.length - 500};
            for (long position : positions) {
                buffer.clear();
                int n = source.read(buffer, position);
                assertTrue(n > 0, "read at " + position);
                assertArrayEquals(Arrays.copyOfRange(data, (int) position, (int) position + n),
                        Arrays.copyOf(buffer.array(), n), "bytes at " + position);
            }
            buffer.clear();
            assertEquals(-1, source.read(buffer, data.length + 10), "past the end");
        }
    }

    @Test
    void refusesToGoBack() throws IOException {
        try (DecodedImageSource source = source(new ByteArrayInputStream(bytes(100_000)))) {
            source.read(ByteBuffer.allocate(10), 50_000);
            IOException e = assertThrows(IOException.class, () -> source.read(ByteBuffer.allocate(10), 0));
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
