package org.bmaptool.testkit.contracts;

import static org.bmaptool.testkit.contracts.ImageSourcesContract.readAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link UncachedReader} promises, through the interface alone: what was
 * written to a file or device reads back, at every position, to its end; the size, when
 * known, is the medium's; a missing path fails naming it. Subclasses write the medium
 * (the fake keeps it in memory, the Linux adapter's tests write files and a loop device,
 * without syncing, so that the reader itself must get the pages onto the medium).
 */
public abstract class UncachedReaderContract {
    @TempDir
    protected Path dir;

    /** The port under test, knowing the media written so far. */
    protected abstract UncachedReader newPort() throws Exception;

    /**
     * A path (a file in {@link #dir}, a device) whose medium holds {@code content} at its
     * start, written and not synced; at least {@code content.length} bytes long.
     */
    protected abstract Path written(byte[] content) throws Exception;

    /** Whether the medium is exactly as long as the content written (a file), not longer (a device). */
    protected boolean endsWithTheContent() {
        return true;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    public void whatWasWrittenReadsBackAtEveryPosition() throws Exception {
        byte[] content = random(3 * 65536 + 4096);
        Path path = written(content);
        try (ImageSource source = newPort().open(path)) {
            assertArrayEquals(content, readAt(source, 0, content.length));
            assertArrayEquals(Arrays.copyOfRange(content, 65536, 65536 + 8192), readAt(source, 65536, 8192));
        }
    }

    @Test
    public void theSizeWhenKnownIsTheMediumsAndTheEndReadsAsMinusOne() throws Exception {
        byte[] content = random(65536 + 512);
        Path path = written(content);
        try (ImageSource source = newPort().open(path)) {
            OptionalLong size = source.size();
            if (endsWithTheContent()) {
                assertEquals(OptionalLong.of(content.length), size);
                assertEquals(-1, source.read(ByteBuffer.allocate(512), content.length));
            } else {
                assertTrue(size.isEmpty() || size.getAsLong() >= content.length, size.toString());
            }
        }
    }

    @Test
    public void theNameIsThePath() throws Exception {
        Path path = written(random(4096));
        try (ImageSource source = newPort().open(path)) {
            assertEquals(path.toString(), source.name());
        }
    }

    @Test
    public void openingAMissingPathFailsNamingIt() throws Exception {
        Path missing = dir.resolve("missing.img");
        UncachedReader port = newPort();
        Exception e = assertThrows(Exception.class, () -> port.open(missing).close());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
