package org.bmaptool.linux.extents;

import java.nio.file.Path;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.junit.jupiter.api.io.TempDir;

/** The SEEK_DATA/SEEK_HOLE fallback on the default filesystem, FIEMAP left out. */
class DefaultFileSystemSeekTest extends SparseFileScenarios {
    @TempDir
    Path dir;

    @Override
    int manyExtents() {
        return 400;
    }

    @Override
    Path dir() {
        return dir;
    }

    @Override
    FileExtentsProbe probe() {
        return new KernelFileExtents(RealKernel::get, false, 1);
    }

    @Override
    String expectedMethod() {
        return "SEEK_DATA/SEEK_HOLE";
    }
}
