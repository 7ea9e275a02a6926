package org.bmaptool.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

/** Fiemap's requests and its reading of the extents the kernel fills in, on a fake libc. */
class FiemapTest {
    private static final Path IMAGE = Path.of("fake.img");
    private static final long MIB = 1 << 20;

    private final FakeLibC libc = new FakeLibC();

    @Test
    void readsTheExtentsTheKernelFilledIn() {
        libc.file(IMAGE, MIB, 0, 4096, 65536, 8192, MIB - 4096, 4096);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            Fiemap fiemap = file.fiemap(16);
            assertEquals(3, fiemap.map(0, MIB));
            assertEquals(0, fiemap.logical(0));
            assertEquals(4096, fiemap.length(0));
            assertEquals(65536, fiemap.logical(1));
            assertEquals(8192, fiemap.length(1));
            assertEquals(MIB - 4096, fiemap.logical(2));
            assertEquals(4096, fiemap.length(2));
            assertFalse(fiemap.isLast(0));
            assertFalse(fiemap.isLast(1));
            assertTrue(fiemap.isLast(2));
        }
        // The file is synced by every call (FIEMAP_FLAG_SYNC), into all the room there is.
        assertTrue(libc.calls().contains("fiemap(0, " + MIB + ", flags 1, room 16)"), libc.calls().toString());
    }

    @Test
    void asksForTheNextBatchFromWhereTheCallerIs() {
        libc.file(IMAGE, MIB, 0, 4096, 8192, 4096, 16384, 4096);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            Fiemap fiemap = file.fiemap(2);
            assertEquals(2, fiemap.capacity());
            assertEquals(2, fiemap.map(0, MIB));
            assertFalse(fiemap.isLast(1));
            assertEquals(1, fiemap.map(12288, MIB - 12288));
            assertEquals(16384, fiemap.logical(0));
            assertTrue(fiemap.isLast(0));
        }
        assertTrue(libc.calls().contains("fiemap(12288, " + (MIB - 12288) + ", flags 1, room 2)"));
    }

    @Test
    void anEmptyRangeMapsNothing() {
        libc.file(IMAGE, MIB, 0, 4096);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            assertEquals(0, file.fiemap(4).map(8192, MIB - 8192));
        }
    }

    @Test
    void tellsWhetherTheFileSystemOrTheKernelLacksFiemap() {
        assertEquals("the FIEMAP ioctl is not supported by the file system", reasonFor(Constants.EOPNOTSUPP));
        assertEquals("the FIEMAP ioctl is not supported by the kernel", reasonFor(Constants.ENOTTY));
        assertEquals("the FIEMAP ioctl is not supported by the kernel", reasonFor(Constants.ENOSYS));
        assertNull(reasonFor(0));
    }

    @Test
    void otherFailuresNameTheFileAndTheError() {
        PortException probing = assertThrows(PortException.class, () -> reasonFor(FakeLibC.EIO));
        assertEquals("the FIEMAP ioctl failed for 'fake.img': Input/output error", probing.getMessage());

        libc.file(IMAGE, MIB, 0, 4096);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            Fiemap fiemap = file.fiemap(4);
            libc.failNext("ioctl", FakeLibC.EIO);
            PortException mapping = assertThrows(PortException.class, () -> fiemap.map(0, MIB));
            assertEquals("the FIEMAP ioctl failed for 'fake.img': Input/output error", mapping.getMessage());
        }
    }

    @Test
    void refusesABufferWithNoRoom() {
        libc.file(IMAGE, MIB);
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            assertThrows(IllegalArgumentException.class, () -> file.fiemap(0));
        }
    }

    @Test
    void theDefaultBufferIsUpstreamsQuarterMebibyte() {
        // (256 KiB - 32-byte header) / 56-byte extents.
        assertEquals(4680, Fiemap.DEFAULT_CAPACITY);
    }

    private String reasonFor(int errno) {
        FakeLibC.File image = libc.file(IMAGE, MIB, 0, 4096);
        image.fiemapErrno = errno;
        try (SparseFile file = SparseFile.open(libc.kernel(), IMAGE)) {
            return file.fiemap(4).unsupportedReason();
        }
    }
}
