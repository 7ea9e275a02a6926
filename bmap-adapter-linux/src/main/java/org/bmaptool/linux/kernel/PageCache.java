package org.bmaptool.linux.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.constants.platform.OpenFlags;

/**
 * Drops a file's or block device's pages from the page cache, so that the next reads
 * come from the medium: write out dirty pages ({@code fsync}), then
 * {@code posix_fadvise(POSIX_FADV_DONTNEED)} over the whole file, and for a block device
 * also {@code ioctl(BLKFLSBUF)}, which flushes the device's buffer cache (it needs
 * CAP_SYS_ADMIN; without it the fadvise alone is what we have).
 */
public final class PageCache {
    /** posix_fadvise advice from linux/fadvise.h. */
    static final int POSIX_FADV_DONTNEED = 4;
    /** _IO(0x12, 97) from linux/fs.h. */
    static final long BLKFLSBUF = 0x1261;
    /** File type bits of st_mode, and the block-device type, from sys/stat.h. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private PageCache() {
    }

    /**
     * Drops the cached pages of {@code path}.
     *
     * @return null on success, else the reason it could not be done (an errno text)
     */
    public static String drop(Path path) {
        LibC libc = LibC.Loaded.LIBC;
        int fd = libc.open(path.toString(), OpenFlags.O_RDONLY.intValue());
        if (fd < 0) {
            return LibC.Loaded.lastError();
        }
        try {
            libc.fsync(fd);
            if (isBlockDevice(path)) {
                libc.ioctl(fd, BLKFLSBUF, null);
            }
            int error = libc.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            return error == 0 ? null : libc.strerror(error);
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
