package org.bmaptool.linux.destination;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals against a sysfs and /proc laid out in a temporary directory as the kernel
 * lays them out, for what a test machine cannot set up (device-mapper holders) and for
 * the exact wording.
 */
class BlockDeviceChecksTest {

    @TempDir
    Path root;
    private Path proc;
    private Path disk;
    private BlockDeviceChecks checks;

    @BeforeEach
    void layOutSysfs() throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(proc.resolve("self"));
        Path sys = root.resolve("sys");
        disk = Files.createDirectories(sys.resolve("devices/virtual/block/sdz"));
        Files.writeString(disk.resolve("dev"), "8:240\n");
        Files.writeString(disk.resolve("removable"), "0\n");
        Files.createDirectories(disk.resolve("holders"));
        Path partition = Files.createDirectories(disk.resolve("sdz1"));
        Files.writeString(partition.resolve("dev"), "8:241\n");
        Files.writeString(partition.resolve("partition"), "1\n");
        Files.createDirectories(partition.resolve("holders"));
        Path byNumber = Files.createDirectories(sys.resolve("dev/block"));
        Files.createSymbolicLink(byNumber.resolve("8:240"), disk);
        Files.createSymbolicLink(byNumber.resolve("8:241"), partition);
        mountinfo("22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw");
        swaps();
        checks = new BlockDeviceChecks(proc, sys);
    }

    private void mountinfo(String... lines) throws IOException {
        Files.write(proc.resolve("self/mountinfo"), List.of(lines));
    }

    private void swaps(String... lines) throws IOException {
        Files.writeString(proc.resolve("swaps"), "Filename\tType\tSize\tUsed\tPriority\n"
                + String.join("\n", lines));
    }

    private String refusal(String number) {
        return assertThrows(PortException.class, () -> checks.refuseBusy("'/dev/sdz'", checks.device(number)))
                .getMessage();
    }

    @Test
    void idleDiskPasses() {
        assertDoesNotThrow(() -> checks.refuseBusy("'/dev/sdz'", checks.device("8:240")));
    }

    @Test
    void diskWithAMountedPartitionIsRefusedNamingPartitionAndMountPoint() throws IOException {
        mountinfo("22 1 254:0 / / rw - ext4 /dev/vda rw", "30 22 8:241 / /media/a\\040b rw - vfat /dev/sdz1 rw");
        assertEquals("cannot write to block device '/dev/sdz': its partition /dev/sdz1 is mounted on /media/a b",
                refusal("8:240"));
    }

    @Test
    void diskHeldByDeviceMapperIsRefusedNamingTheHolder() throws IOException {
        Files.createFile(disk.resolve("holders/dm-0"));
        assertEquals("cannot write to block device '/dev/sdz': it is held by dm-0 (device mapper, LVM or RAID; see "
                + disk.toRealPath().resolve("holders") + ")", refusal("8:240"));
    }

    @Test
    void diskWithAHeldPartitionIsRefused() throws IOException {
        Files.createFile(disk.resolve("sdz1/holders/md127"));
        assertEquals(true, refusal("8:240").contains("its partition /dev/sdz1 is held by md127"));
    }

    @Test
    void diskWithASwapPartitionIsRefused() throws IOException {
        swaps("/dev/sdz1 partition 1048572 0 -2");
        assertEquals("cannot write to block device '/dev/sdz': its partition /dev/sdz1 is in use as swap "
                + "(/dev/sdz1 in /proc/swaps)", refusal("8:240"));
    }

    @Test
    void partitionIsCheckedButItsSiblingsAreNot() throws IOException {
        mountinfo("30 22 8:242 / /boot rw - vfat /dev/sdz2 rw");
        assertDoesNotThrow(() -> checks.refuseBusy("'/dev/sdz1'", checks.device("8:241")));
    }

    @Test
    void removableOnlyRefusesAPartitionOfAFixedDiskNamingTheDisk() {
        PortException refused = assertThrows(PortException.class,
                () -> checks.requireRemovable("/dev/sdz1", checks.device("8:241")));
        assertEquals("Destination file /dev/sdz1 is not a removable block device (its disk /dev/sdz is not "
                + "removable). But the removable-device option expects it to be one.", refused.getMessage());
    }

    @Test
    void removableOnlyAcceptsAPartitionOfARemovableDisk() throws IOException {
        Files.writeString(disk.resolve("removable"), "1\n");
        assertDoesNotThrow(() -> checks.requireRemovable("/dev/sdz1", checks.device("8:241")));
    }
}
