package org.bmaptool.linux.extents;

import java.nio.file.Path;

/** The scenarios on a tmpfs, which has no FIEMAP: the SEEK_DATA/SEEK_HOLE path (root only). */
class TmpfsSeekTest extends MountedFileSystemScenarios {
    @Override
    MountedFileSystem mount(Path base) throws Exception {
        return MountedFileSystem.memory("tmpfs", base);
    }

    @Override
    String expectedMethod() {
        return "SEEK_DATA/SEEK_HOLE";
    }
}
