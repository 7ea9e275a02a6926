package org.bmaptool.linux.extents;

import java.nio.file.Path;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios on a btrfs on a loop device, where mkfs.btrfs is installed (root only). */
class BtrfsLoopFiemapTest extends SparseFileScenarios {
    @TempDir
    static Path base;
    private static MountedFileSystem mounted;

    @BeforeAll
    static void mount() throws Exception {
        mounted = MountedFileSystem.onLoopDevice("btrfs", 320, base);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted != null) {
            mounted.close();
        }
    }

    @Override
    Path dir() {
        return mounted.root();
    }

    @Override
    FileExtentsProbe probe() {
        return new KernelFileExtents();
    }

    @Override
    String expectedMethod() {
        return "FIEMAP";
    }
}
