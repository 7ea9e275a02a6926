package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmaptool copy} refusing a destination through the linked launcher, as a user
 * meets it: exit code 1, one error line, the device untouched. Needs root and loop
 * devices; skipped with the reason otherwise.
 */
class CopyDestinationLauncherIT {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void copyRefusesAMountedLoopDeviceWithOneLineAndExitCodeOne() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mkfs.ext4")) || Files.isExecutable(Path.of("/sbin/mkfs.ext4")),
                "mkfs.ext4 is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/e2fsck")) || Files.isExecutable(Path.of("/sbin/e2fsck")),
                "e2fsck is not installed");
        Path image = sparseImage(dir.resolve("disk.img"));
        Launcher.Result created = Launcher.run(dir, "create", "-o", dir.resolve("disk.img.bmap").toString(),
                image.toString());
        assertEquals(0, created.exitCode(), created.err());
        try (LoopDevice loop = LoopDevice.create(dir, 32 * MIB, (byte) 0)) {
            String device = loop.device().toString();
            Processes.run("mkfs.ext4", "-q", "-F", device);
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            Processes.run("mount", device, mountPoint.toString());
            try {
                Files.writeString(mountPoint.resolve("keep.txt"), "keep");
                Launcher.Result copy = Launcher.run(dir, "copy", image.toString(), device);
                assertEquals(1, copy.exitCode(), copy.err());
                List<String> errors = copy.err().lines().filter(line -> !line.startsWith("bmaptool: info: ")).toList();
                assertEquals(List.of("bmaptool: ERROR: cannot write to block device '" + device
                        + "': it is mounted on " + mountPoint), errors);
                assertEquals("keep", Files.readString(mountPoint.resolve("keep.txt")));
            } finally {
                Processes.run("umount", mountPoint.toString());
            }
            Processes.run("e2fsck", "-f", "-n", device);
        }
    }

    /** 8 MiB with 1 MiB of data in the middle, the rest a hole. */
    private static Path sparseImage(Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(8 * MIB);
            byte[] data = new byte[(int) MIB];
            java.util.Arrays.fill(data, (byte) 0x42);
            file.seek(2 * MIB);
            file.write(data);
        }
        return path;
    }
}
