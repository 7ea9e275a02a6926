package org.bmaptool.linux.extents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.linux.kernel.FakeLibC;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice between FIEMAP and SEEK_DATA/SEEK_HOLE and both walks, on a fake libc whose
 * answers no real filesystem gives on demand: FIEMAP missing, the SEEK_HOLE stub,
 * extents past the end of the file. The image and the SEEK_HOLE probe are real (empty)
 * files, since the probe is made in the image's folder.
 */
class KernelFileExtentsFakeTest {
    private static final long SIZE = 1 << 20;

    @TempDir
    Path dir;

    private final FakeLibC libc = new FakeLibC();

    @Test
    void withoutFiemapTheSeekWalkFindsEveryExtentAndStopsAtEnxio() throws IOException {
        Path image = image();
        libc.file(image, SIZE, 0, 4096, 8192, 4096, 12288, 4096, SIZE - 4096, 4096).fiemapErrno = 95; // EOPNOTSUPP
        try (FileLayout layout = new KernelFileExtents(libc::kernel).open(image)) {
            assertEquals("SEEK_DATA/SEEK_HOLE map", layout.toString());
            assertEquals(List.of(new ByteExtent(0, 4096), new ByteExtent(8192, 8192),
                    new ByteExtent(SIZE - 4096, 4096)), extents(layout));
        }
    }

    @Test
    void theSeekWalkEndsWhenOnlyAHoleFollows() throws IOException {
        Path image = image();
        libc.file(image, SIZE, 4096, 4096).fiemapErrno = 25; // ENOTTY
        try (FileLayout layout = new KernelFileExtents(libc::kernel).open(image)) {
            assertEquals(List.of(new ByteExtent(4096, 4096)), extents(layout));
        }
        long seeksPastTheExtent = libc.calls().stream().filter(c -> c.equals("lseek(3, 8192, 3)")).count();
        assertEquals(1, seeksPastTheExtent, "one SEEK_DATA after the extent answers ENXIO and ends the walk");
    }

    @Test
    void theFiemapWalkCrossesBatchesAndClipsPreallocationPastTheEnd() throws IOException {
        Path image = image();
        libc.file(image, SIZE, 0, 4096, 8192, 4096, 65536, 4096, SIZE - 4096, 3 * SIZE);
        try (FileLayout layout = new KernelFileExtents(libc::kernel, true, 2).open(image)) {
            assertEquals("FIEMAP map", layout.toString());
            assertEquals(List.of(new ByteExtent(0, 4096), new ByteExtent(8192, 4096), new ByteExtent(65536, 4096),
                    new ByteExtent(SIZE - 4096, 4096)), extents(layout));
        }
    }

    @Test
    void neitherFiemapNorARealSeekHoleIsRefused() throws IOException {
        Path image = image();
        FakeLibC.File file = libc.file(image, SIZE, 0, 4096);
        file.fiemapErrno = 95;
        file.seekHoleStub = true;
        // The probe is not described: make every undescribed file the stub's too.
        libc.stubSeekHoleForUndescribedFiles = true;
        PortException refused = assertThrows(PortException.class,
                () -> new KernelFileExtents(libc::kernel).open(image));
        assertEquals("cannot find the mapped blocks of '" + image + "': the FIEMAP ioctl is not supported by the file "
                + "system, and the file system does not support SEEK_HOLE and SEEK_DATA but only provides a stub "
                + "implementation", refused.getMessage());
        assertEquals(List.of("image.img"), List.of(dir.toFile().list()), "the probe is removed");
    }

    private Path image() throws IOException {
        return Files.createFile(dir.resolve("image.img"));
    }

    private static List<ByteExtent> extents(FileLayout layout) {
        List<ByteExtent> extents = new ArrayList<>();
        layout.dataExtents().forEachRemaining(extents::add);
        return extents;
    }
}
