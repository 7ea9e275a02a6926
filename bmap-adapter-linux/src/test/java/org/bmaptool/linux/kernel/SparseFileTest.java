package org.bmaptool.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SparseFile's calls, its SEEK_DATA/SEEK_HOLE answers and its error messages, on a fake libc. */
class SparseFileTest {
    private static final Path IMAGE = Path.of("fake.img");

    private final FakeLibC libc = new FakeLibC();

    @Test
    void opensReadOnlyAndSyncsBeforeAskingSizeAndBlockSize() {
        libc.file(IMAGE, 32768).blockSize = 1024;
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            assertEquals(32768, file.size());
            assertEquals(1024, file.blockSize());
        }
        // O_RDONLY | O_CLOEXEC (02000000); lseek SEEK_END (2); FIGETBSZ (2).
        assertEquals(List.of("open(fake.img, 0x80000)", "fsync(3)", "lseek(3, 0, 2)", "ioctl(3, 0x2)", "close(3)"),
                libc.calls());
    }

    @Test
    void walksDataAndHolesToTheEnd() {
        libc.file(IMAGE, 32768, 4096, 4096, 16384, 4096, 20480, 4096, 28672, 4096);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            assertEquals(4096, file.nextData(0));
            assertEquals(8192, file.nextHole(4096));
            assertEquals(16384, file.nextData(8192));
            assertEquals(24576, file.nextHole(16384));
            assertEquals(28672, file.nextData(24576));
            assertEquals(32768, file.nextHole(28672), "the end of file counts as a hole");
            assertEquals(-1, file.nextData(32768), "ENXIO: no data follows");
        }
    }

    @Test
    void noDataAfterTheLastExtentIsMinusOne() {
        libc.file(IMAGE, 32768, 0, 4096);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            assertEquals(4096, file.nextHole(0));
            assertEquals(-1, file.nextData(4096));
        }
    }

    @Test
    void seekFailuresNameTheFileAndTheError() {
        libc.file(IMAGE, 32768, 0, 4096);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            libc.failNext("lseek", FakeLibC.EIO);
            assertEquals("cannot find data in 'fake.img': Input/output error",
                    assertThrows(PortException.class, () -> file.nextData(0)).getMessage());
            libc.failNext("lseek", FakeLibC.EIO);
            assertEquals("cannot find holes in 'fake.img': Input/output error",
                    assertThrows(PortException.class, () -> file.nextHole(0)).getMessage());
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsNamed() {
        assertEquals("cannot open image file 'fake.img': No such file or directory",
                assertThrows(PortException.class, () -> SparseFile.open(libc.kernel(), IMAGE)).getMessage());
    }

    @Test
    void aFailedSyncClosesTheFile() {
        libc.file(IMAGE, 32768);
        libc.failNext("fsync", FakeLibC.EIO);
        assertEquals("cannot synchronize image file 'fake.img': Input/output error",
                assertThrows(PortException.class, () -> SparseFile.open(libc.kernel(), IMAGE)).getMessage());
        assertEquals("close(3)", libc.calls().get(libc.calls().size() - 1));
    }

    @Test
    void aFailedSizeClosesTheFile() {
        libc.file(IMAGE, 32768);
        libc.failNext("lseek", FakeLibC.EIO);
        assertEquals("cannot get the size of 'fake.img': Input/output error",
                assertThrows(PortException.class, () -> SparseFile.open(libc.kernel(), IMAGE)).getMessage());
        assertEquals("close(3)", libc.calls().get(libc.calls().size() - 1));
    }

    @Test
    void withoutFigetbszTheBlockSizeIsTheFileStoresOr4096(@TempDir Path dir) throws IOException {
        Path real = Files.createFile(dir.resolve("real.img"));
        libc.file(real, 8192).blockSize = 0;
        try (SparseFile file = SparseFile.open(libc.kernel(), real)) {
            assertEquals(Files.getFileStore(real).getBlockSize(), file.blockSize());
        }
        Path missing = dir.resolve("missing.img");
        libc.file(missing, 8192).blockSize = 0;
        try (SparseFile file = SparseFile.open(libc.kernel(), missing)) {
            assertEquals(4096, file.blockSize());
        }
    }
}
