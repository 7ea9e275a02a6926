package org.bmaptool.linux.extents;

import java.nio.file.Path;

/** The scenarios on an xfs on a loop device, where mkfs.xfs is installed (root only). */
class XfsLoopFiemapTest extends MountedFileSystemScenarios {
    @Override
    MountedFileSystem mount(Path base) throws Exception {
        return MountedFileSystem.onLoopDevice("xfs", 320, base);
    }

    @Override
    String expectedMethod() {
        return "FIEMAP";
    }
}
