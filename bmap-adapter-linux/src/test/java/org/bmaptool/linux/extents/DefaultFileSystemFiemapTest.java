package org.bmaptool.linux.extents;

import java.nio.file.Path;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios on the default temporary folder's filesystem, asked as the command asks. */
class DefaultFileSystemFiemapTest extends SparseFileScenarios {
    @TempDir
    Path dir;

    @Override
    Path dir() {
        return dir;
    }

    @Override
    FileExtentsProbe probe() {
        return new KernelFileExtents(RealKernel::get);
    }

    @Override
    String expectedMethod() {
        return null; // FIEMAP on ext4, xfs, btrfs; SEEK where /tmp is a tmpfs
    }
}
