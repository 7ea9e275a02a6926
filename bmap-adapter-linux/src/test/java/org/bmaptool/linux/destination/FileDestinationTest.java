package org.bmaptool.linux.destination;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bmaptool.linux.LinuxAdapters;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regular files and character devices as destinations: no root needed. */
class FileDestinationTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private final LinuxDestinations destinations = new LinuxDestinations(RealKernel::get);

    private static ByteBuffer filled(int size, byte value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, value);
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void newFileIsSizedToTheImageAndKeepsUnwrittenBlocksAsHoles() throws Exception {
        Path target = dir.resolve("copy.img");
        try (Destination destination = destinations.open(new DestinationRequest(target, 64 * MIB, false))) {
            assertEquals(DestinationKind.REGULAR_FILE, destination.kind());
            assertEquals(target.toString(), destination.name());
            destination.write(filled((int) MIB, (byte) 7), 8 * MIB);
            destination.sync();
        }
        assertEquals(64 * MIB, Files.size(target));
        assertEquals(List.of(new ByteExtent(8 * MIB, MIB)), dataExtents(target));
    }

    @Test
    void existingFileLosesItsOldDataSoTheCopyIsSparse() throws Exception {
        Path target = dir.resolve("old.img");
        Files.write(target, filled((int) (4 * MIB), (byte) 1).array());
        try (Destination destination = destinations.open(new DestinationRequest(target, 16 * MIB, false))) {
            destination.write(filled(4096, (byte) 2), 0);
        }
        assertEquals(16 * MIB, Files.size(target));
        assertEquals(List.of(new ByteExtent(0, 4096)), dataExtents(target));
        byte[] head = Arrays.copyOf(Files.readAllBytes(target), 8192);
        assertEquals(2, head[4095]);
        assertEquals(0, head[4096], "old data past the written block is gone");
    }

    @Test
    void writeHonoursTheBufferPositionAndConsumesIt() throws Exception {
        Path target = dir.resolve("positions.img");
        ByteBuffer data = ByteBuffer.allocateDirect(16);
        for (int i = 0; i < 16; i++) {
            data.put((byte) ('a' + i));
        }
        data.position(5).limit(10);
        try (Destination destination = destinations.open(new DestinationRequest(target, 32, false))) {
            destination.write(data, 3);
        }
        assertFalse(data.hasRemaining());
        assertArrayEquals("\0\0\0fghij".getBytes(), Arrays.copyOf(Files.readAllBytes(target), 8));
    }

    @Test
    void missingDirectoryIsAnErrorNamingIt() {
        Path target = dir.resolve("no-such-dir/copy.img");
        PortException refused = assertThrows(PortException.class,
                () -> destinations.open(new DestinationRequest(target, MIB, false)));
        assertEquals("cannot create destination file '" + target + "': directory '" + target.getParent()
                + "' does not exist", refused.getMessage());
        assertFalse(Files.exists(target.getParent()));
    }

    @Test
    void missingPathUnderDevIsAnErrorNotANewFile() {
        Path target = Path.of("/dev/bmaptool-no-such-device");
        PortException refused = assertThrows(PortException.class,
                () -> destinations.open(new DestinationRequest(target, MIB, false)));
        assertTrue(refused.getMessage().startsWith("cannot open destination '/dev/bmaptool-no-such-device': "
                + "no such device"), refused.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void directoryIsRefused() {
        PortException refused = assertThrows(PortException.class,
                () -> destinations.open(new DestinationRequest(dir, MIB, false)));
        assertEquals("cannot open destination file '" + dir + "': it is a directory", refused.getMessage());
    }

    @Test
    void removableOnlyRefusesARegularFileAndLeavesItAlone() throws IOException {
        Path target = dir.resolve("file.img");
        Files.writeString(target, "keep");
        PortException refused = assertThrows(PortException.class,
                () -> destinations.open(new DestinationRequest(target, MIB, true)));
        assertTrue(refused.getMessage().contains("is not a block device"), refused.getMessage());
        assertEquals("keep", Files.readString(target));
    }

    @Test
    void removableOnlyRefusesAMissingDestination() {
        Path target = dir.resolve("absent.img");
        PortException refused = assertThrows(PortException.class,
                () -> destinations.open(new DestinationRequest(target, MIB, true)));
        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void devNullTakesWritesAndSyncsWithoutFsync() throws Exception {
        try (Destination destination = destinations.open(
                new DestinationRequest(Path.of("/dev/null"), 64 * MIB, false))) {
            assertEquals(DestinationKind.CHARACTER_DEVICE, destination.kind());
            destination.write(filled((int) MIB, (byte) 9), 32 * MIB);
            destination.sync();
            assertEquals(List.of(), destination.warnings());
        }
    }

    @Test
    void closeTwiceIsHarmlessAndWritesAfterCloseFail() throws Exception {
        Destination destination = destinations.open(new DestinationRequest(dir.resolve("c.img"), MIB, false));
        destination.close();
        destination.close();
        assertThrows(PortException.class, () -> destination.write(filled(10, (byte) 1), 0));
    }

    @Test
    void closeFromAnotherThreadStopsAWriterWithAnIOException() throws Exception {
        Destination destination = destinations.open(new DestinationRequest(dir.resolve("hook.img"), 64 * MIB, false));
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
            try {
                for (long position = 0; ; position = (position + MIB) % (64 * MIB)) {
                    destination.write(filled((int) MIB, (byte) 3), position);
                }
            } catch (PortException e) {
                return e;
            }
        });
        Thread.sleep(20);
        destination.close();
        Throwable stopped = writer.get();
        assertTrue(stopped.getMessage().endsWith("hook.img' is closed"), stopped.getMessage());
    }

    @Test
    void unknownImageSizeLeavesTheFileEmptyUntilWritten() throws Exception {
        Path target = dir.resolve("stream.img");
        Files.writeString(target, "old contents");
        try (Destination destination = destinations.open(new DestinationRequest(target, -1, false))) {
            assertEquals(0, Files.size(target));
        }
    }

    private static List<ByteExtent> dataExtents(Path file) {
        List<ByteExtent> extents = new ArrayList<>();
        try (FileLayout layout = LinuxAdapters.fileExtentsProbe().open(file)) {
            layout.dataExtents().forEachRemaining(extents::add);
        }
        return extents;
    }
}
