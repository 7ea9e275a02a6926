package org.bmaptool.linux.extents;

import java.nio.file.Path;

/** The scenarios on a btrfs on a loop device, where mkfs.btrfs is installed (root only). */
class BtrfsLoopFiemapTest extends MountedFileSystemScenarios {
    @Override
    MountedFileSystem mount(Path base) throws Exception {
        return MountedFileSystem.onLoopDevice("btrfs", 320, base);
    }

    @Override
    String expectedMethod() {
        return "FIEMAP";
    }
}
