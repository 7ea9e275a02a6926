package org.bmaptool.linux.extents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Assumptions;

/**
 * A real filesystem mounted for a test under a folder of its own, unmounted on close:
 * tmpfs and ramfs in memory, ext4 (or xfs, btrfs) on a loop device over a backing file.
 * Tests using it skip, with the reason, without root or the filesystem's tools.
 */
final class MountedFileSystem implements AutoCloseable {
    private final Path mountPoint;

    private MountedFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** A memory filesystem ({@code tmpfs}, {@code ramfs}) mounted at {@code dir/mnt}. */
    static MountedFileSystem memory(String type, Path dir) throws IOException, InterruptedException {
        Processes.assumeRoot("mounting");
        Path mountPoint = Files.createDirectories(dir.resolve("mnt"));
        mountOrSkip(type, mountPoint, "-t", type, "-o", "size=256m", type, mountPoint.toString());
        return new MountedFileSystem(mountPoint);
    }

    /** A fresh {@code type} filesystem of {@code megabytes} on a loop device, mounted at {@code dir/mnt}. */
    static MountedFileSystem onLoopDevice(String type, int megabytes, Path dir) throws IOException, InterruptedException {
        Processes.assumeRoot("mounting");
        Path mkfs = Path.of("/usr/sbin/mkfs." + type);
        Path mkfsAlt = Path.of("/sbin/mkfs." + type);
        Assumptions.assumeTrue(Files.isExecutable(mkfs) || Files.isExecutable(mkfsAlt), "mkfs." + type + " is not installed");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no /dev/loop-control");
        Path backing = dir.resolve(type + ".img");
        try (var file = new java.io.RandomAccessFile(backing.toFile(), "rw")) {
            file.setLength(megabytes * (1L << 20));
        }
        List<String> format = new ArrayList<>(List.of("mkfs." + type));
        format.addAll(type.startsWith("ext") ? List.of("-q", "-F") : List.of("-q", "-f"));
        format.add(backing.toString());
        Processes.run(format.toArray(String[]::new));
        Path mountPoint = Files.createDirectories(dir.resolve("mnt"));
        mountOrSkip(type, mountPoint, "-o", "loop", backing.toString(), mountPoint.toString());
        return new MountedFileSystem(mountPoint);
    }

    Path root() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Processes.run("umount", mountPoint.toString());
    }

    private static void mountOrSkip(String type, Path mountPoint, String... options) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(options));
        try {
            Processes.run(command.toArray(String[]::new));
        } catch (IOException e) {
            Assumptions.abort("cannot mount " + type + " at " + mountPoint + ": " + e.getMessage());
        }
    }
}
