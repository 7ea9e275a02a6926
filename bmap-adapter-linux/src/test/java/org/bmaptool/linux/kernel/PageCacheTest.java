package org.bmaptool.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What PageCache asks of the kernel for a file and for a block device, on a fake libc. */
class PageCacheTest {
    @TempDir
    Path dir;

    private final FakeLibC libc = new FakeLibC();

    @Test
    void aFileIsSyncedAndAdvisedAway() throws IOException {
        Path file = Files.createFile(dir.resolve("image.img"));
        libc.file(file, 0);
        assertNull(new PageCache(libc.kernel()).drop(file));
        // O_RDONLY; POSIX_FADV_DONTNEED (4) over the whole file (length 0).
        assertEquals(List.of("open(" + file + ", 0x0)", "fsync(3)", "posix_fadvise(3, 0, 0, 4)", "close(3)"),
                libc.calls());
    }

    @Test
    void aBlockDeviceAlsoHasItsBufferCacheFlushed() throws Exception {
        Path node = dir.resolve("disk");
        // Only stat(2) reads the node: the fake libc opens it.
        Process mknod = new ProcessBuilder("mknod", node.toString(), "b", "7", "250").redirectErrorStream(true).start();
        assumeTrue(mknod.waitFor() == 0 && Files.exists(node), "mknod needs root");
        libc.file(node, 0);
        assertNull(new PageCache(libc.kernel()).drop(node));
        // BLKFLSBUF before the fadvise.
        assertEquals(List.of("open(" + node + ", 0x0)", "fsync(3)", "ioctl(3, 0x1261)", "posix_fadvise(3, 0, 0, 4)",
                "close(3)"), libc.calls());
    }

    @Test
    void aFailedOpenIsTheReason() {
        libc.failNext("open", FakeLibC.EACCES);
        assertEquals("Permission denied", new PageCache(libc.kernel()).drop(dir.resolve("secret.img")));
        assertEquals(1, libc.calls().size());
    }

    @Test
    void aFailedAdviceIsTheErrorItReturnsAndTheFileIsClosed() throws IOException {
        Path file = Files.createFile(dir.resolve("image.img"));
        libc.file(file, 0);
        libc.failNext("fsync", FakeLibC.EIO); // errno says EIO; posix_fadvise's answer is what counts
        libc.fadviseResult = FakeLibC.EBUSY;
        assertEquals("Device or resource busy", new PageCache(libc.kernel()).drop(file));
        assertEquals("close(3)", libc.calls().get(libc.calls().size() - 1));
    }
}
