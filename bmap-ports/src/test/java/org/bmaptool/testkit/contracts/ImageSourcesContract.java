package org.bmaptool.testkit.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.ImageSources;
import org.bmaptool.ports.source.UnreadableFileException;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageSources} promises, through the interface alone: an image opens
 * by its {@link Location} and reads by position, a sequential one skipping forward and
 * refusing to go back; its size, when known, is its size; small files read in full, and
 * a missing one is {@linkplain UnreadableFileException#missing() missing}, which
 * {@code readIfExists} turns into empty. Subclasses say where content goes (the fake keeps
 * it in memory, the io adapter's tests write local files, gzip them or serve them over HTTP).
 */
public abstract class ImageSourcesContract {
    /** 1 MiB and a bit of random bytes: several reads' worth, not a round size. */
    protected static final byte[] IMAGE = random(1_048_576 + 4321);

    /** The port under test, knowing the content placed so far. */
    protected abstract ImageSources newPort() throws Exception;

    /** {@code content} at a location {@code name} that reads by position (a raw file, a server with ranges). */
    protected abstract Location seekable(String name, byte[] content) throws Exception;

    /** {@code content} at a location {@code name} that only reads forward (a compressed file, a pipe). */
    protected abstract Location sequential(String name, byte[] content) throws Exception;

    /** A location {@code name} where there is nothing. */
    protected abstract Location missing(String name) throws Exception;

    protected static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /**
     * Up to {@code length} bytes at {@code position}, read as the copy reads (as many calls
     * as it takes); fewer only at the end of the image.
     */
    public static byte[] readAt(ImageSource source, long position, int length) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = source.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
            // A read that returns nothing with room left would have the copy spin forever.
            assertTrue(n > 0, source.name() + " read 0 bytes at " + (position + buffer.position()) + " before its end");
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    @Test
    public void aSeekableImageReadsAtAnyPositionInAnyOrder() throws Exception {
        Location location = seekable("disk.img", IMAGE);
        try (ImageSource source = newPort().open(location)) {
            assertArrayEquals(slice(IMAGE, 700_000, 65536), readAt(source, 700_000, 65536));
            assertArrayEquals(slice(IMAGE, 0, 4096), readAt(source, 0, 4096));
            assertArrayEquals(slice(IMAGE, 123, 1000), readAt(source, 123, 1000));
        }
    }

    @Test
    public void readingAtTheEndGivesMinusOneAndNearItTheRest() throws Exception {
        Location location = seekable("disk.img", IMAGE);
        try (ImageSource source = newPort().open(location)) {
            assertArrayEquals(slice(IMAGE, IMAGE.length - 10, 10), readAt(source, IMAGE.length - 10, 4096));
            assertEquals(-1, source.read(ByteBuffer.allocate(4096), IMAGE.length));
        }
    }

    @Test
    public void theSizeWhenKnownIsTheImageSize() throws Exception {
        for (Location location : new Location[] {seekable("disk.img", IMAGE), sequential("disk.img", IMAGE)}) {
            try (ImageSource source = newPort().open(location)) {
                OptionalLong size = source.size();
                assertTrue(size.isEmpty() || size.getAsLong() == IMAGE.length, location + ": " + size);
            }
        }
    }

    @Test
    public void aSeekableImageKnowsItsSize() throws Exception {
        try (ImageSource source = newPort().open(seekable("disk.img", IMAGE))) {
            assertEquals(OptionalLong.of(IMAGE.length), source.size());
        }
    }

    @Test
    public void theNameNamesTheLocation() throws Exception {
        Location location = seekable("named.img", IMAGE);
        try (ImageSource source = newPort().open(location)) {
            assertTrue(source.name().contains("named.img"), source.name());
        }
    }

    @Test
    public void aSequentialImageSkipsForwardToAnyLaterPosition() throws Exception {
        Location location = sequential("disk.img", IMAGE);
        try (ImageSource source = newPort().open(location)) {
            assertArrayEquals(slice(IMAGE, 0, 100), readAt(source, 0, 100));
            assertArrayEquals(slice(IMAGE, 300_000, 8192), readAt(source, 300_000, 8192));
            assertArrayEquals(slice(IMAGE, IMAGE.length - 4321, 4321), readAt(source, IMAGE.length - 4321, 8192));
        }
    }

    @Test
    public void aSequentialImageRefusesToGoBack() throws Exception {
        Location location = sequential("disk.img", IMAGE);
        try (ImageSource source = newPort().open(location)) {
            readAt(source, 500_000, 4096);
            assertThrows(Exception.class, () -> readAt(source, 1000, 4096));
        }
    }

    @Test
    public void readingToTheEndOfAnIntactImageSucceeds() throws Exception {
        for (Location location : new Location[] {seekable("disk.img", IMAGE), sequential("disk.img", IMAGE)}) {
            try (ImageSource source = newPort().open(location)) {
                readAt(source, 0, 4096);
                OptionalLong end = source.readToEnd(IMAGE.length);
                assertTrue(end.isEmpty() || end.getAsLong() == IMAGE.length, location + ": " + end);
            }
        }
    }

    @Test
    public void openingAMissingImageFailsNamingIt() throws Exception {
        Location location = missing("absent.img");
        ImageSources port = newPort();
        Exception e = assertThrows(Exception.class, () -> port.open(location).close());
        assertTrue(e.getMessage().contains("absent.img"), e.getMessage());
    }

    @Test
    public void readGivesASmallFileInFull() throws Exception {
        byte[] bmap = "<?xml version=\"1.0\" ?>\n<bmap version=\"2.0\">\n</bmap>\n".getBytes();
        Location location = seekable("disk.img.bmap", bmap);
        assertArrayEquals(bmap, newPort().read(location));
    }

    @Test
    public void readOfAMissingFileFailsAsMissingNamingIt() throws Exception {
        Location location = missing("disk.img.bmap");
        ImageSources port = newPort();
        UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> port.read(location));
        assertTrue(e.missing(), e.getMessage());
        assertTrue(e.getMessage().contains("disk.img.bmap"), e.getMessage());
    }

    @Test
    public void readIfExistsIsEmptyForAMissingFile() throws Exception {
        Location location = missing("disk.img.bmap.asc");
        assertEquals(Optional.empty(), newPort().readIfExists(location));
    }

    @Test
    public void readIfExistsGivesAnExistingFileInFull() throws Exception {
        byte[] signature = random(300);
        Location location = seekable("disk.img.bmap.sig", signature);
        assertArrayEquals(signature, newPort().readIfExists(location).orElseThrow());
    }
}
