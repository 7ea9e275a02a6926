package org.bmaptool.linux.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which new files count as mistyped devices: a fake tree of mounts (a devtmpfs at
 * {@code dev}, a tmpfs at {@code dev/shm}, the root file system elsewhere) whose device
 * numbers the test decides, and the real {@code /dev/shm} where the machine has one.
 */
class DeviceFileSystemTest {
    private static final String TYPO_REFUSAL = "no such device (a path under /dev that does not exist is not "
            + "created as a file)";

    @TempDir
    Path root;

    private Path dev;
    private Path shm;
    private Path home;
    /** Mount point (real path) to device number; a path's number is its longest mount point's. */
    private final Map<Path, Long> mounts = new LinkedHashMap<>();

    @BeforeEach
    void tree() throws IOException {
        dev = Files.createDirectories(root.resolve("dev")).toRealPath();
        shm = Files.createDirectories(dev.resolve("shm"));
        Files.createDirectories(dev.resolve("disk/by-id"));
        home = Files.createDirectories(root.resolve("home")).toRealPath();
        mounts.put(root.toRealPath(), 65024L);
        mounts.put(dev, 6L);
        mounts.put(shm, 27L);
    }

    private DeviceFileSystem devices() {
        return new DeviceFileSystem(dev, path -> mounts.entrySet().stream()
                .filter(mount -> path.startsWith(mount.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().getNameCount(), b.getKey().getNameCount()))
                .orElseThrow().getValue());
    }

    @Test
    void newFileOnTheDeviceFileSystemIsAMistypedDevice() {
        assertTrue(devices().wouldCreateOn(dev.resolve("sdzz9")));
        assertTrue(devices().wouldCreateOn(dev.resolve("disk/by-id/usb-Typo-0:0")));
        assertTrue(devices().wouldCreateOn(dev.resolve("no-such-dir/sdb")), "the nearest existing folder decides");
        assertTrue(devices().wouldCreateOn(shm.resolve("../sdzz9")));
    }

    @Test
    void newFileOnATmpfsUnderDevOrElsewhereIsAFile() {
        assertFalse(devices().wouldCreateOn(shm.resolve("stage.img")));
        assertFalse(devices().wouldCreateOn(shm.resolve("no-such-dir/stage.img")));
        assertFalse(devices().wouldCreateOn(home.resolve("disk.img")));
    }

    @Test
    void symlinksAreResolvedBeforeDeciding() throws IOException {
        Path toDev = Files.createSymbolicLink(home.resolve("devices"), dev);
        assertTrue(devices().wouldCreateOn(toDev.resolve("sdzz9")), "a folder that is a link into /dev");
        Path dangling = Files.createSymbolicLink(shm.resolve("flash.img"), Path.of("../sdzz9"));
        assertTrue(devices().wouldCreateOn(dangling), "a dangling link whose target would be made in /dev");
        Path toShm = Files.createSymbolicLink(dev.resolve("staging"), shm);
        assertFalse(devices().wouldCreateOn(toShm.resolve("stage.img")), "a link in /dev to the tmpfs");
    }

    @Test
    void whereDevIsAPlainFolderOfTheRootFileSystemOnlyPathsUnderItAreRefused() {
        mounts.remove(dev);
        mounts.remove(shm);
        assertTrue(devices().wouldCreateOn(dev.resolve("sdzz9")));
        assertFalse(devices().wouldCreateOn(home.resolve("disk.img")), "same st_dev as /dev, but not under it");
    }

    @Test
    void aFolderThatCannotBeStattedFallsBackToTheNameUnderDev() {
        DeviceFileSystem unreadable = new DeviceFileSystem(dev, path -> {
            throw new AccessDeniedException(path.toString());
        });
        assertTrue(unreadable.wouldCreateOn(shm.resolve("stage.img")));
        assertFalse(unreadable.wouldCreateOn(home.resolve("disk.img")));
    }

    @Test
    void existingRegularFileIsOnTheDeviceFileSystemOnlyInDevItself() throws IOException {
        assertTrue(devices().holds(Files.writeString(dev.resolve("sdb"), "left by a mistyped copy")));
        assertFalse(devices().holds(Files.writeString(shm.resolve("stage.img"), "staged")));
        assertFalse(devices().holds(Files.writeString(home.resolve("disk.img"), "disk")));
    }

    @Test
    void destinationsRefuseTheTypoWithItsMessageAndWarnOnlyForAFileInDev() throws Exception {
        LinuxDestinations destinations =
                new LinuxDestinations(RealKernel::get, Path.of("/proc"), Path.of("/sys"), devices());
        Path typo = dev.resolve("sdzz9");
        PortException refused = assertThrows(PortException.class, () -> destinations.open(new DestinationRequest(typo, 4096, false)));
        assertEquals("cannot open destination '" + typo + "': " + TYPO_REFUSAL, refused.getMessage());
        assertFalse(Files.exists(typo));

        Path staged = shm.resolve("stage.img");
        for (int i = 0; i < 2; i++) {
            try (Destination created = destinations.open(new DestinationRequest(staged, 4096, false))) {
                assertEquals(List.of(), created.warnings(), "new, then existing, in the tmpfs: no warning");
            }
        }
        Path leftOver = Files.writeString(dev.resolve("sdb"), "left by a mistyped copy");
        try (Destination overwritten = destinations.open(new DestinationRequest(leftOver, 4096, false))) {
            assertEquals(List.of("\"" + leftOver + "\" is under \"/dev\", but it is a regular file, not a device node"),
                    overwritten.warnings());
        }
        assertEquals(4096, Files.size(leftOver));
    }

    @Test
    void realDevShmTakesANewFileAndRealDevRefusesOne() throws Exception {
        Path devShm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(devShm) && Files.isWritable(devShm), "no writable /dev/shm");
        assumeTrue(!Files.getAttribute(devShm, "unix:dev").equals(Files.getAttribute(Path.of("/dev"), "unix:dev")),
                "/dev/shm is not a file system of its own here");
        DeviceFileSystem system = DeviceFileSystem.system();
        assertTrue(system.wouldCreateOn(Path.of("/dev/bmaptool-no-such-device")));
        Path staged = devShm.resolve("bmaptool-test-" + UUID.randomUUID() + ".img");
        assertFalse(system.wouldCreateOn(staged));
        try {
            try (Destination created = new LinuxDestinations(RealKernel::get)
                    .open(new DestinationRequest(staged, 8192, false))) {
                assertEquals(List.of(), created.warnings());
            }
            assertEquals(8192, Files.size(staged));
        } finally {
            Files.deleteIfExists(staged);
        }
    }
}
