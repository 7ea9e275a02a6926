package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises {@code bmaptool copy} makes about what it never writes, each tried
 * through the linked launcher on real loop devices: not a device that is mounted (also
 * through a symlink, also by a partition), swap, held or too small, and not before the
 * bmap is verified; and it runs unprivileged where the files allow it. Every refusal is
 * one error line with exit code 1, and the device's contents (SHA-256 before and after)
 * and sysfs tuning are as they were. Needs root and loop devices; skipped with the
 * reason otherwise.
 */
class SafetyPromisesIT {
    private static final long MIB = 1 << 20;
    private static final byte FILL = 0x5A;

    @TempDir
    Path dir;

    /** Copies the image to {@code target}, checks the refusal names {@code causes} and that {@code loop} is untouched. */
    private String assertRefusedAndUntouched(LoopDevice loop, String target, String... causes) throws Exception {
        Processes.run("sync");
        String contents = TreeSnapshot.sha256(loop.device());
        LoopDevice.Tuning tuning = loop.tuning();

        Launcher.Result result = Launcher.run(dir, "copy", "disk.img", target);

        String message = assertCleanFailure(result, 1, causes);
        assertEquals(contents, TreeSnapshot.sha256(loop.device()), "the device is unchanged");
        assertEquals(tuning, loop.tuning(), "the device's sysfs settings are unchanged");
        return message;
    }

    @Test
    void copyRefusesAMountedDeviceAlsoThroughADiskByIdSymlink() throws Exception {
        Processes.assumeTool("mkfs.ext4");
        TestImages.textImage(dir);
        try (LoopDevice loop = LoopDevice.create(dir, 16 * MIB, FILL)) {
            String device = loop.device().toString();
            // No lazy initialisation: the mounted file system must not write on its own.
            Processes.run("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0", device);
            Path byId = Files.createDirectories(dir.resolve("disk/by-id"));
            Path link = Files.createSymbolicLink(byId.resolve("usb-Generic_Flash_Disk_0123-0:0"), loop.device());
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            Processes.run("mount", device, mountPoint.toString());
            try {
                assertRefusedAndUntouched(loop, device, "cannot write to block device '" + device + "': it is mounted on "
                        + mountPoint);
                assertRefusedAndUntouched(loop, link.toString(), "cannot write to block device '" + link + "' ("
                        + device + "): it is mounted on " + mountPoint);
            } finally {
                Processes.run("umount", mountPoint.toString());
                // Removed here: JUnit warns about links out of its temporary directory.
                Files.delete(link);
            }
        }
    }

    @Test
    void copyRefusesADiskWhosePartitionIsMounted() throws Exception {
        Processes.assumeTool("mkfs.ext4");
        TestImages.textImage(dir);
        try (LoopDevice loop = LoopDevice.create(dir, 32 * MIB, FILL, true)) {
            Path partition = loop.addPartition(2048, 32768, dir);
            Processes.run("mkfs.ext4", "-q", "-F", "-E", "lazy_itable_init=0,lazy_journal_init=0",
                    partition.toString());
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            Processes.run("mount", partition.toString(), mountPoint.toString());
            try {
                assertRefusedAndUntouched(loop, loop.device().toString(), "cannot write to block device '"
                        + loop.device() + "': its partition " + loop.device() + "p1 is mounted on " + mountPoint);
            } finally {
                Processes.run("umount", mountPoint.toString());
            }
        }
    }

    @Test
    void copyRefusesActiveSwap() throws Exception {
        Processes.assumeTool("mkswap");
        Processes.assumeTool("swapon");
        TestImages.textImage(dir);
        try (LoopDevice loop = LoopDevice.create(dir, 16 * MIB, FILL)) {
            Processes.run("mkswap", loop.device().toString());
            try {
                Processes.run("swapon", loop.device().toString());
            } catch (IOException e) {
                assumeTrue(false, "cannot enable swap here: " + e.getMessage());
            }
            try {
                assertRefusedAndUntouched(loop, loop.device().toString(), "cannot write to block device '"
                        + loop.device() + "': it is in use as swap");
            } finally {
                Processes.run("swapoff", loop.device().toString());
            }
        }
    }

    @Test
    void copyRefusesADeviceHeldByTheDeviceMapper() throws Exception {
        Processes.assumeTool("dmsetup");
        TestImages.textImage(dir);
        try (LoopDevice loop = LoopDevice.create(dir, 8 * MIB, FILL)) {
            String name = "bmaptool-test-" + ProcessHandle.current().pid();
            Path table = dir.resolve("table");
            Files.writeString(table, "0 " + (8 * MIB / 512) + " linear " + loop.device() + " 0\n");
            try {
                Processes.run("dmsetup", "create", name, table.toString());
            } catch (IOException e) {
                assumeTrue(false, "no device mapper here (BlockDeviceChecksTest covers holders on a fake sysfs): "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            try {
                assertRefusedAndUntouched(loop, loop.device().toString(), "cannot write to block device '"
                        + loop.device() + "': it is held by dm-");
            } finally {
                Processes.run("dmsetup", "remove", name);
            }
        }
    }

    /** A device another writer has open exclusively (here another copy, waiting for its image) is refused. */
    @Test
    void copyRefusesADeviceAnotherCopyHoldsAndTheOtherCopyCompletes() throws Exception {
        Path image = TestImages.textImage(dir);
        byte[] bytes = Files.readAllBytes(image);
        // Zeros, like the image's holes, which a copy with a bmap does not write.
        try (LoopDevice loop = LoopDevice.create(dir, TestImages.TEXT_IMAGE_SIZE, (byte) 0);
             RunningCopy first = RunningCopy.start(dir, "copy", "--bmap", "disk.img.bmap", "-",
                     loop.device().toString())) {
            first.stdin().write(bytes, 0, 1 << 20);
            first.stdin().flush();
            first.awaitLine("copying image");

            Launcher.Result second = Launcher.run(dir, "copy", "disk.img", loop.device().toString());

            assertCleanFailure(second, 1, "cannot open block device '" + loop.device() + "' in exclusive mode",
                    "Device or resource busy");
            try {
                first.stdin().write(bytes, 1 << 20, bytes.length - (1 << 20));
                first.stdin().close();
            } catch (IOException e) {
                // Broken pipe: the copy stops reading after the last mapped block; the hole after it stays unread.
            }
            Launcher.Result done = first.finish();
            assertEquals(0, done.exitCode(), done.err());
            assertArrayEquals(bytes, Files.readAllBytes(loop.device()), "the first copy is whole");
        }
    }

    @Test
    void copyRefusesADeviceSmallerThanTheImage() throws Exception {
        TestImages.textImage(dir);
        try (LoopDevice loop = LoopDevice.create(dir, MIB, FILL)) {
            loop.selectScheduler("mq-deadline");
            assertRefusedAndUntouched(loop, loop.device().toString(), "the image file 'disk.img' has size 4.0 MiB and it will not fit "
                    + "the block device '" + loop.device() + "' which has 1.0 MiB capacity");
        }
    }

    /** A bmap whose own checksum fails is refused before the destination is even opened. */
    @Test
    void bmapWithABadChecksumWritesNothing() throws Exception {
        TestImages.textImage(dir);
        Path bmap = dir.resolve("disk.img.bmap");
        String text = Files.readString(bmap);
        int range = text.indexOf("chksum=\"") + "chksum=\"".length();
        Files.writeString(bmap, text.substring(0, range) + (text.charAt(range) == '0' ? '1' : '0')
                + text.substring(range + 1));
        TreeSnapshot before = TreeSnapshot.of(dir);

        Launcher.Result toFile = Launcher.run(dir, "copy", "disk.img", "copy.img");

        assertCleanFailure(toFile, 1, "bmap file 'disk.img.bmap'", "checksum mismatch");
        before.assertUnchangedExcept();
        try (LoopDevice loop = LoopDevice.create(dir, TestImages.TEXT_IMAGE_SIZE, FILL)) {
            assertRefusedAndUntouched(loop, loop.device().toString(), "bmap file 'disk.img.bmap'", "checksum mismatch");
        }
    }

    /**
     * As {@code nobody}: a copy into a folder nobody may write to is refused by the file
     * system with one line, a copy into one it may write to works, and a block device is
     * refused by the kernel's permissions, untouched.
     */
    @Test
    void runsUnprivilegedWhereTheFilesAllowIt() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching to nobody needs root");
        Processes.assumeTool("setpriv");
        List<String> asNobody = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
        Path image = TestImages.textImage(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Launcher.Result probe = Launcher.runThrough(asNobody, dir, "--version");
        assumeTrue(probe.exitCode() == 0, "the launcher does not run as nobody here: " + probe.err());

        Launcher.Result refused = Launcher.runThrough(asNobody, dir, "copy", "disk.img", "locked/copy.img");
        assertEquals("cannot open destination file 'locked/copy.img': Permission denied",
                assertCleanFailure(refused, 1));
        assertFalse(Files.exists(locked.resolve("copy.img")));

        Launcher.Result copied = Launcher.runThrough(asNobody, dir, "copy", "disk.img", "open/copy.img");
        assertEquals(0, copied.exitCode(), copied.err());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(open.resolve("copy.img")));
        assertEquals("nobody", Files.getOwner(open.resolve("copy.img")).getName());

        try (LoopDevice loop = LoopDevice.create(dir, TestImages.TEXT_IMAGE_SIZE, FILL)) {
            String contents = TreeSnapshot.sha256(loop.device());
            Launcher.Result device = Launcher.runThrough(asNobody, dir, "copy", "disk.img", loop.device().toString());
            assertEquals("cannot open block device '" + loop.device() + "' in exclusive mode: Permission denied",
                    assertCleanFailure(device, 1));
            assertEquals(contents, TreeSnapshot.sha256(loop.device()));
        }
    }
}
