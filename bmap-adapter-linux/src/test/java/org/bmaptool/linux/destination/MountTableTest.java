package org.bmaptool.linux.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {

    private static final List<String> MOUNTINFO = List.of(
            "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "36 22 7:3 / /media/my\\040stick rw,nosuid shared:20 master:3 - vfat /dev/loop3 rw",
            "37 22 7:3 /sub /srv/bind rw - vfat /dev/loop3 rw",
            "40 22 0:45 / /mnt/btrfs rw - btrfs /dev/sdb2 rw,space_cache",
            "41 22 0:46 / /tmp rw - tmpfs tmpfs rw");

    @Test
    void findsEveryMountPointOfADeviceNumberWithSpacesDecoded() {
        MountTable table = MountTable.parse(MOUNTINFO);
        assertEquals(List.of("/media/my stick", "/srv/bind"), table.mountPointsOf("7:3", "/dev/loop3"));
    }

    @Test
    void findsAFilesystemWithAnAnonymousDeviceNumberBySource() {
        assertEquals(List.of("/mnt/btrfs"), MountTable.parse(MOUNTINFO).mountPointsOf("8:18", "/dev/sdb2"));
    }

    @Test
    void anUnmountedDeviceHasNoMountPoints() {
        assertEquals(List.of(), MountTable.parse(MOUNTINFO).mountPointsOf("8:16", "/dev/sdb"));
    }

    @Test
    void octalEscapesDecodeAndStrayBackslashesStay() {
        assertEquals("a b\tc\\d", MountTable.unescape("a\\040b\\011c\\134d"));
        assertEquals("x\\9y\\", MountTable.unescape("x\\9y\\"));
    }

    @Test
    void swapTableListsPathsAfterTheHeader() {
        SwapTable swaps = SwapTable.parse(List.of(
                "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority",
                "/dev/zram0                              partition\t4194300\t\t0\t\t100",
                "/swap\\040file                          file\t\t1048572\t\t0\t\t-2"));
        assertEquals(List.of("/dev/zram0", "/swap file"), swaps.paths());
    }
}
