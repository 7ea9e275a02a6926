package org.bmaptool.linux.extents;

import java.nio.file.Path;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios on a filesystem mounted once for the test class (tmpfs, or a loop
 * device formatted ext4, xfs or btrfs), mapped by the real probe. Subclasses say which
 * filesystem and how the probe is expected to ask.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MountedFileSystemScenarios extends SparseFileScenarios {
    private MountedFileSystem mounted;

    /** Mounts the filesystem under test below {@code base} (skipping when it cannot). */
    abstract MountedFileSystem mount(Path base) throws Exception;

    @BeforeAll
    void mountOnce(@TempDir Path base) throws Exception {
        mounted = mount(base);
    }

    @AfterAll
    void unmount() throws Exception {
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
        return new KernelFileExtents(RealKernel::get);
    }
}
