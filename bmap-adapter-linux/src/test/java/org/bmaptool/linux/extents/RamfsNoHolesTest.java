package org.bmaptool.linux.extents;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ramfs has neither FIEMAP nor a real SEEK_HOLE (only the stub that calls every file
 * data): the probe must refuse instead of calling a sparse file fully mapped.
 */
class RamfsNoHolesTest {
    @TempDir
    Path base;

    @Test
    void fileSystemWithNeitherFiemapNorRealSeekHoleIsRefused() throws Exception {
        try (MountedFileSystem ramfs = MountedFileSystem.memory("ramfs", base)) {
            Path image = ramfs.root().resolve("sparse.img");
            Files.write(image, new byte[] {1, 2, 3});
            PortException error = assertThrows(PortException.class,
                    () -> new KernelFileExtents(RealKernel::get).open(image));
            assertTrue(error.getMessage().contains(image.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("FIEMAP"), error.getMessage());
            assertTrue(error.getMessage().contains("stub"), error.getMessage());
        }
    }
}
