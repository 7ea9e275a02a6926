package org.bmaptool.linux.kernel;

import static org.bmaptool.linux.kernel.Constants.BLKFLSBUF;
import static org.bmaptool.linux.kernel.Constants.O_RDONLY;
import static org.bmaptool.linux.kernel.Constants.POSIX_FADV_DONTNEED;
import static org.bmaptool.linux.kernel.Constants.S_IFBLK;
import static org.bmaptool.linux.kernel.Constants.S_IFMT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmaptool.linux.libc.LibC;

/**
 * Drops a file's or block device's pages from the page cache, so that the next reads
 * come from the medium: write out dirty pages ({@code fsync}), then
 * {@code posix_fadvise(POSIX_FADV_DONTNEED)} over the whole file, and for a block device
 * also {@code ioctl(BLKFLSBUF)}, which flushes the device's buffer cache (it needs
 * CAP_SYS_ADMIN; without it the fadvise alone is what we have).
 */
public final class PageCache {
    private final Kernel kernel;

    public PageCache(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Drops the cached pages of {@code path}.
     *
     * @return null on success, else the reason it could not be done (an errno text)
     */
    public String drop(Path path) {
        LibC libc = kernel.libc();
        int fd = libc.open(path.toString(), O_RDONLY);
        if (fd < 0) {
            return kernel.lastError();
        }
        try {
            libc.fsync(fd);
            if (isBlockDevice(path)) {
                libc.ioctl(fd, BLKFLSBUF, null);
            }
            int error = libc.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            return error == 0 ? null : kernel.strerror(error);
        } finally {
            libc.close(fd);
        }
    }

    private static boolean isBlockDevice(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & S_IFMT) == S_IFBLK;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // then only the fadvise is tried
        }
    }
}
