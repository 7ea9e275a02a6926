package org.bmaptool.testkit.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.Destinations;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Destinations} promises, through the interface alone: a destination
 * opens as the kind it is, takes writes at their positions (all of each buffer's
 * remaining bytes), syncs, closes more than once without harm and refuses writes after;
 * what cannot be written safely is refused before the first byte, by a message naming it.
 * Subclasses say what is written (a new regular file in {@link #dir}, a loop device, the
 * fake's memory) and how to read it back.
 */
public abstract class DestinationsContract {
    /** The image size the tests ask for: small enough for any test device. */
    protected static final long IMAGE_SIZE = 1 << 20;

    @TempDir
    protected Path dir;

    /** The port under test, knowing the destinations made so far. */
    protected abstract Destinations newPort() throws Exception;

    /** A destination that may be opened for an image of {@link #IMAGE_SIZE} bytes. */
    protected abstract Path target() throws Exception;

    /** What the {@link #target} is. */
    protected abstract DestinationKind expectedKind();

    /** {@code length} bytes at {@code position} of what {@code path} holds now (after close). */
    protected abstract byte[] contentAt(Path path, long position, int length) throws Exception;

    /**
     * A request the port must refuse because of what the target is (a device too small for
     * the image), or null when the kind of target has none but those every port refuses.
     */
    protected DestinationRequest refusedForWhatItIs(Path target) {
        return null;
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertRefusedNaming(Destinations port, DestinationRequest request) {
        Exception e = assertThrows(Exception.class, () -> port.open(request).close());
        assertTrue(e.getMessage().contains(request.path().toString()), e.getMessage());
    }

    @Test
    public void aDestinationOpensAsTheKindItIsUnderItsName() throws Exception {
        Path target = target();
        try (Destination destination = newPort().open(new DestinationRequest(target, IMAGE_SIZE, false))) {
            assertEquals(expectedKind(), destination.kind());
            assertTrue(destination.name().contains(target.toString()), destination.name());
        }
    }

    @Test
    public void writesLandAtTheirPositionsInAnyOrder() throws Exception {
        Path target = target();
        try (Destination destination = newPort().open(new DestinationRequest(target, IMAGE_SIZE, false))) {
            destination.write(ascii("third"), 524_288);
            destination.write(ascii("first"), 0);
            destination.write(ascii("second"), 4096);
            destination.sync();
        }
        assertArrayEquals("first".getBytes(StandardCharsets.US_ASCII), contentAt(target, 0, 5));
        assertArrayEquals("second".getBytes(StandardCharsets.US_ASCII), contentAt(target, 4096, 6));
        assertArrayEquals("third".getBytes(StandardCharsets.US_ASCII), contentAt(target, 524_288, 5));
    }

    @Test
    public void aWriteTakesTheBuffersRemainingBytesAll() throws Exception {
        Path target = target();
        ByteBuffer buffer = ByteBuffer.allocate(200_000);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) (i % 251));
        }
        buffer.position(1000).limit(151_000);
        try (Destination destination = newPort().open(new DestinationRequest(target, IMAGE_SIZE, false))) {
            destination.write(buffer, 8192);
            assertEquals(0, buffer.remaining());
            destination.sync();
        }
        byte[] expected = new byte[150_000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) ((i + 1000) % 251);
        }
        assertArrayEquals(expected, contentAt(target, 8192, expected.length));
    }

    @Test
    public void aNewRegularFileIsSizedToTheImage() throws Exception {
        Assumptions.assumeTrue(expectedKind() == DestinationKind.REGULAR_FILE, "only a regular file is sized");
        Path target = target();
        try (Destination destination = newPort().open(new DestinationRequest(target, IMAGE_SIZE, false))) {
            destination.write(ascii("x"), 0);
        }
        assertEquals(1, contentAt(target, IMAGE_SIZE - 1, 1).length);
        assertEquals(0, contentAt(target, IMAGE_SIZE, 1).length);
    }

    @Test
    public void zeroedBytesReadAsZerosUpToAnUnalignedEndAndTheRestKeepsWhatWasWritten() throws Exception {
        Path target = target();
        ByteBuffer pattern = ByteBuffer.allocate((int) IMAGE_SIZE);
        for (int i = 0; i < pattern.capacity(); i++) {
            pattern.put(i, (byte) (1 + i % 253));
        }
        // From a block boundary to a byte inside a sector (an image's unaligned end), and a
        // range of one sector's part alone.
        long start = 8192;
        long end = 3 * 65536 + 300;
        try (Destination destination = newPort().open(new DestinationRequest(target, IMAGE_SIZE, false))) {
            destination.write(pattern.duplicate(), 0);
            destination.sync();
            destination.zero(start, end);
            destination.zero(IMAGE_SIZE - 4096 + 10, IMAGE_SIZE - 4096 + 100);
            destination.sync();
        }
        byte[] expected = pattern.array().clone();
        java.util.Arrays.fill(expected, (int) start, (int) end, (byte) 0);
        java.util.Arrays.fill(expected, (int) IMAGE_SIZE - 4096 + 10, (int) IMAGE_SIZE - 4096 + 100, (byte) 0);
        assertArrayEquals(expected, contentAt(target, 0, (int) IMAGE_SIZE));
        if (expectedKind() == DestinationKind.REGULAR_FILE) {
            assertEquals(0, contentAt(target, IMAGE_SIZE, 1).length, "the file keeps its size");
        }
    }

    @Test
    public void closingTwiceIsHarmless() throws Exception {
        Destination destination = newPort().open(new DestinationRequest(target(), IMAGE_SIZE, false));
        destination.close();
        assertDoesNotThrow(destination::close);
    }

    @Test
    public void writingAfterCloseFails() throws Exception {
        Destination destination = newPort().open(new DestinationRequest(target(), IMAGE_SIZE, false));
        destination.close();
        assertThrows(Exception.class, () -> destination.write(ascii("late"), 0));
    }

    @Test
    public void aFileInAMissingDirectoryIsRefusedByName() throws Exception {
        assertRefusedNaming(newPort(), new DestinationRequest(dir.resolve("no-such-dir").resolve("copy.img"),
                IMAGE_SIZE, false));
    }

    @Test
    public void aDestinationThatIsNoRemovableDiskIsRefusedByNameWhenOneIsAskedFor() throws Exception {
        assertRefusedNaming(newPort(), new DestinationRequest(target(), IMAGE_SIZE, true));
    }

    @Test
    public void whatTheTargetCannotHoldIsRefusedByName() throws Exception {
        Path target = target();
        DestinationRequest request = refusedForWhatItIs(target);
        Assumptions.assumeTrue(request != null, "no refusal particular to a " + expectedKind());
        assertRefusedNaming(newPort(), request);
    }
}
