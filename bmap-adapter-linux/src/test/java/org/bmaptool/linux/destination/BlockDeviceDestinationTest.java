package org.bmaptool.linux.destination;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block devices as destinations, on real loop devices (root and losetup; skipped with the
 * reason otherwise): every refusal happens before a byte is written, and the sysfs
 * tuning is undone on close.
 */
class BlockDeviceDestinationTest {
    private static final long MIB = 1 << 20;
    private static final byte FILL = 0x5A;

    @TempDir
    Path dir;

    private final LinuxDestinations destinations = new LinuxDestinations(RealKernel::get);

    private PortException refusal(Path device, long imageSize, boolean removableOnly) {
        return assertThrows(PortException.class,
                () -> destinations.open(new DestinationRequest(device, imageSize, removableOnly)).close());
    }

    private static void assertUntouched(LoopDevice loop) throws IOException {
        byte[] contents = Files.readAllBytes(loop.backing());
        byte[] expected = new byte[contents.length];
        Arrays.fill(expected, FILL);
        assertArrayEquals(expected, contents, "nothing was written to " + loop.device());
    }

    @Test
    void mountedDeviceIsRefusedNamingTheMountPointAndItsFilesystemStaysIntact() throws Exception {
        Processes.assumeTool("mkfs.ext4");
        Processes.assumeTool("e2fsck");
        try (LoopDevice loop = LoopDevice.create(dir, 32 * MIB, FILL)) {
            Processes.run("mkfs.ext4", "-q", "-F", loop.device().toString());
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            Path link = Files.createSymbolicLink(dir.resolve("by-id-disk"), loop.device());
            Processes.run("mount", loop.device().toString(), mountPoint.toString());
            try {
                Files.writeString(mountPoint.resolve("hello.txt"), "hello");
                Processes.run("sync");
                assertEquals("cannot write to block device '" + loop.device() + "': it is mounted on " + mountPoint,
                        refusal(loop.device(), MIB, false).getMessage());
                assertEquals("cannot write to block device '" + link + "' (" + loop.device() + "): it is mounted on "
                        + mountPoint, refusal(link, MIB, false).getMessage());
            } finally {
                Processes.run("umount", mountPoint.toString());
            }
            Files.delete(link);
            Processes.run("e2fsck", "-f", "-n", loop.device().toString());
            Processes.run("mount", "-o", "ro", loop.device().toString(), mountPoint.toString());
            try {
                assertEquals("hello", Files.readString(mountPoint.resolve("hello.txt")));
            } finally {
                Processes.run("umount", mountPoint.toString());
            }
        }
    }

    @Test
    void diskWithAMountedPartitionIsRefusedNamingThePartition() throws Exception {
        Processes.assumeTool("partx");
        Processes.assumeTool("mkfs.ext4");
        try (LoopDevice loop = LoopDevice.create(dir, 64 * MIB, FILL, true)) {
            writePartitionTable(loop.device(), 2048, 32768);
            Processes.run("partx", "--add", loop.device().toString());
            Path sysfsPartition = Path.of("/sys/class/block", loop.name() + "p1");
            assumeTrue(Files.exists(sysfsPartition), "the kernel did not add partition " + sysfsPartition);
            Path partition = partitionNode(loop.name() + "p1", Files.readString(sysfsPartition.resolve("dev")).strip());
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            try {
                Processes.run("mkfs.ext4", "-q", "-F", partition.toString());
                Processes.run("mount", partition.toString(), mountPoint.toString());
                try {
                    assertEquals("cannot write to block device '" + loop.device() + "': its partition "
                            + loop.device() + "p1 is mounted on " + mountPoint,
                            refusal(loop.device(), MIB, false).getMessage());
                } finally {
                    Processes.run("umount", mountPoint.toString());
                }
            } finally {
                Processes.run("partx", "--delete", loop.device().toString());
            }
        }
    }

    @Test
    void activeSwapIsRefused() throws Exception {
        Processes.assumeTool("mkswap");
        Processes.assumeTool("swapon");
        try (LoopDevice loop = LoopDevice.create(dir, 16 * MIB, FILL)) {
            Processes.run("mkswap", loop.device().toString());
            Processes.run("swapon", loop.device().toString());
            try {
                assertEquals("cannot write to block device '" + loop.device() + "': it is in use as swap ("
                        + loop.device() + " in /proc/swaps)", refusal(loop.device(), MIB, false).getMessage());
            } finally {
                Processes.run("swapoff", loop.device().toString());
            }
        }
    }

    @Test
    void deviceSmallerThanTheImageIsRefusedBeforeAnyWriteAndLeftUnclaimed() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir, MIB, FILL)) {
            String maxRatio = sysfs(loop, "bdi/max_ratio");
            assertEquals("the image file has size 2.0 MiB and it will not fit the block device '" + loop.device()
                    + "' which has 1.0 MiB capacity", refusal(loop.device(), 2 * MIB, false).getMessage());
            assertUntouched(loop);
            assertEquals(maxRatio, sysfs(loop, "bdi/max_ratio"));
            destinations.open(new DestinationRequest(loop.device(), MIB, false)).close();
        }
    }

    @Test
    void removableOnlyRefusesALoopDevice() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir, MIB, FILL)) {
            assertEquals("Destination file " + loop.device() + " is not a removable block device. But the "
                    + "removable-device option expects it to be one.", refusal(loop.device(), MIB, true).getMessage());
            assertUntouched(loop);
        }
    }

    @Test
    void secondExclusiveOpenIsRefused() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir, MIB, FILL);
             Destination first = destinations.open(new DestinationRequest(loop.device(), MIB, false))) {
            assertEquals("cannot open block device '" + loop.device() + "' in exclusive mode: Device or resource busy",
                    refusal(loop.device(), MIB, false).getMessage());
            assertEquals(DestinationKind.BLOCK_DEVICE, first.kind());
        }
    }

    @Test
    void schedulerAndDirtyRatioAreTunedWhileOpenAndRestoredOnClose() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir, MIB, FILL)) {
            String schedulers = sysfs(loop, "queue/scheduler");
            assumeTrue(schedulers.contains("mq-deadline"), "no mq-deadline scheduler to switch from: " + schedulers);
            String originalScheduler = schedulers.replaceAll(".*\\[(.+)].*", "$1");
            Files.writeString(sysfsPath(loop, "queue/scheduler"), "mq-deadline", StandardOpenOption.WRITE);
            try {
                String maxRatio = sysfs(loop, "bdi/max_ratio");
                assumeTrue(!maxRatio.equals("1"), "max_ratio is already 1");
                Destination destination = destinations.open(new DestinationRequest(loop.device(), MIB, false));
                assertEquals(List.of(), destination.warnings());
                assertTrue(sysfs(loop, "queue/scheduler").contains("[none]"), sysfs(loop, "queue/scheduler"));
                assertEquals("1", sysfs(loop, "bdi/max_ratio"));
                destination.close();
                assertTrue(sysfs(loop, "queue/scheduler").contains("[mq-deadline]"), sysfs(loop, "queue/scheduler"));
                assertEquals(maxRatio, sysfs(loop, "bdi/max_ratio"));
                destination.close();
                assertEquals(maxRatio, sysfs(loop, "bdi/max_ratio"));
            } finally {
                Files.writeString(sysfsPath(loop, "queue/scheduler"), originalScheduler, StandardOpenOption.WRITE);
            }
        }
    }

    @Test
    void symlinkToADeviceIsResolvedAndOnlyTheWrittenBlocksChange() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir, 4 * MIB, FILL)) {
            Path link = Files.createSymbolicLink(dir.resolve("usb-Stick_0123-0:0"), loop.device());
            byte[] data = new byte[8192];
            Arrays.fill(data, (byte) 0x11);
            try (Destination destination = destinations.open(new DestinationRequest(link, 2 * MIB, false))) {
                assertEquals(DestinationKind.BLOCK_DEVICE, destination.kind());
                assertEquals(link.toString(), destination.name());
                destination.write(ByteBuffer.wrap(data), MIB);
                destination.sync();
            }
            // Removed here: JUnit warns about links out of its temporary directory.
            Files.delete(link);
            byte[] contents = Files.readAllBytes(loop.backing());
            byte[] expected = new byte[contents.length];
            Arrays.fill(expected, FILL);
            System.arraycopy(data, 0, expected, (int) MIB, data.length);
            assertArrayEquals(expected, contents);
        }
    }

    private static String sysfs(LoopDevice loop, String attribute) throws IOException {
        return Files.readString(sysfsPath(loop, attribute)).strip();
    }

    private static Path sysfsPath(LoopDevice loop, String attribute) {
        return Path.of("/sys/block", loop.name(), attribute);
    }

    /** An MBR with one Linux partition; the test kernel may parse none, so partx adds it. */
    private static void writePartitionTable(Path device, int firstSector, int sectors) throws IOException {
        ByteBuffer sector = ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        sector.put(446 + 4, (byte) 0x83);
        sector.putInt(446 + 8, firstSector);
        sector.putInt(446 + 12, sectors);
        sector.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.WRITE)) {
            channel.write(sector, 0);
            channel.force(true);
        }
    }

    /** The partition's node: udev's in /dev, else one made here (containers have no udev). */
    private Path partitionNode(String name, String number) throws IOException, InterruptedException {
        Path node = Path.of("/dev", name);
        for (int wait = 0; wait < 20 && !Files.exists(node); wait++) {
            Thread.sleep(50);
        }
        if (Files.exists(node)) {
            return node;
        }
        Path made = dir.resolve(name);
        String[] majorMinor = number.split(":");
        Processes.run("mknod", made.toString(), "b", majorMinor[0], majorMinor[1]);
        return made;
    }
}
