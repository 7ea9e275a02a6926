package org.bmaptool.linux.extents;

import java.nio.file.Path;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.junit.jupiter.api.io.TempDir;

/** FIEMAP in batches of three extents, so that every scenario crosses batch edges. */
class DefaultFileSystemSmallBatchesTest extends SparseFileScenarios {
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
        return new KernelFileExtents(RealKernel::get, true, 3);
    }

    @Override
    String expectedMethod() {
        return null;
    }
}
