package org.bmaptool.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real loop block device over a backing file, for tests that need one; detached on
 * close (after restoring the scheduler a test selected and removing partitions it
 * added). Tests using it skip, with the reason, where there is no root or no losetup.
 */
public final class LoopDevice implements AutoCloseable {
    private final Path device;
    private final Path backing;
    private String originalScheduler;
    private boolean partitioned;

    private LoopDevice(Path device, Path backing) {
        this.device = device;
        this.backing = backing;
    }

    /** Whether loop devices can be set up here: root, losetup and /dev/loop-control. */
    public static boolean available() {
        return Processes.root() && Processes.installed("losetup") && Files.exists(Path.of("/dev/loop-control"));
    }

    /** Skips the calling test unless loop devices can be set up here. */
    public static void assumeAvailable() {
        Processes.assumeRoot("a loop device");
        Processes.assumeTool("losetup");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no /dev/loop-control");
    }

    /** A loop device over a new backing file of {@code size} bytes filled with {@code fill}. */
    public static LoopDevice create(Path dir, long size, byte fill) throws IOException, InterruptedException {
        return create(dir, size, fill, false);
    }

    /** As {@link #create(Path, long, byte)}, with partition support ({@code losetup --partscan}) when asked. */
    public static LoopDevice create(Path dir, long size, byte fill, boolean partitions)
            throws IOException, InterruptedException {
        assumeAvailable();
        Path backing = dir.resolve("backing-" + System.nanoTime() + ".img");
        byte[] block = new byte[1 << 16];
        java.util.Arrays.fill(block, fill);
        try (var out = Files.newOutputStream(backing)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        String device = partitions
                ? Processes.run("losetup", "--find", "--show", "--partscan", backing.toString()).strip()
                : Processes.run("losetup", "--find", "--show", backing.toString()).strip();
        return new LoopDevice(Path.of(device), backing);
    }

    /**
     * Writes an MBR with one Linux partition of {@code sectors} from {@code firstSector},
     * has partx add it (the test kernel may parse none itself) and returns its node: udev's
     * in /dev, else one made in {@code nodeDir} (containers have no udev). Skips the test
     * when the kernel adds no partition.
     */
    public Path addPartition(int firstSector, int sectors, Path nodeDir) throws IOException, InterruptedException {
        Processes.assumeTool("partx");
        java.nio.ByteBuffer mbr = java.nio.ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        mbr.put(446 + 4, (byte) 0x83).putInt(446 + 8, firstSector).putInt(446 + 12, sectors);
        mbr.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(device,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(mbr, 0);
            channel.force(true);
        }
        partitioned = true;
        Processes.run("partx", "--add", device.toString());
        String name = name() + "p1";
        Path sysfs = Path.of("/sys/class/block", name);
        Assumptions.assumeTrue(Files.exists(sysfs), "the kernel did not add partition " + sysfs);
        Path node = Path.of("/dev", name);
        for (int wait = 0; wait < 20 && !Files.exists(node); wait++) {
            Thread.sleep(50);
        }
        if (Files.exists(node)) {
            return node;
        }
        String[] number = Files.readString(sysfs.resolve("dev")).strip().split(":");
        Path made = nodeDir.resolve(name);
        Processes.run("mknod", made.toString(), "b", number[0], number[1]);
        return made;
    }

    /** A loop device over an existing {@code backing} file (a sparse one, one on a small tmpfs, ...). */
    public static LoopDevice attach(Path backing) throws IOException, InterruptedException {
        assumeAvailable();
        String device = Processes.run("losetup", "--find", "--show", backing.toString()).strip();
        return new LoopDevice(Path.of(device), backing);
    }

    public Path device() {
        return device;
    }

    public Path backing() {
        return backing;
    }

    /** The device's name in sysfs, e.g. {@code loop3}. */
    public String name() {
        return device.getFileName().toString();
    }

    /** The two sysfs settings a copy tunes and must restore: the I/O scheduler line and the dirty-page ratio. */
    public record Tuning(String scheduler, String maxRatio) {
    }

    /** This device's {@link Tuning} now. */
    public Tuning tuning() throws IOException {
        return new Tuning(sysfs("queue/scheduler"), sysfs("bdi/max_ratio"));
    }

    /**
     * Selects {@code scheduler} when the kernel offers it (a copy switches to none, so a
     * restore is only visible from another one); returns whether it is now selected.
     */
    public boolean selectScheduler(String scheduler) throws IOException {
        if (!sysfs("queue/scheduler").matches("(^|.* )\\[?" + scheduler + "\\]?( .*|$)")) {
            return false;
        }
        if (originalScheduler == null) {
            originalScheduler = sysfs("queue/scheduler").replaceAll(".*\\[(.+)].*", "$1");
        }
        Files.writeString(Path.of("/sys/block", name(), "queue/scheduler"), scheduler);
        return sysfs("queue/scheduler").contains("[" + scheduler + "]");
    }

    private String sysfs(String attribute) throws IOException {
        return Files.readString(Path.of("/sys/block", name(), attribute)).strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Loop devices are reused: leave the scheduler as it was for the next test.
        try {
            if (originalScheduler != null) {
                selectScheduler(originalScheduler);
            }
            if (partitioned) {
                Processes.run("partx", "--delete", device.toString());
            }
        } finally {
            Processes.run("losetup", "--detach", device.toString());
        }
    }
}
