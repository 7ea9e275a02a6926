package org.bmaptool.linux.kernel;

import java.nio.file.Path;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.posix.FileStat;
import jnr.posix.POSIX;

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

    /** The two libc calls jnr-posix does not offer. */
    public interface LibC {
        int posix_fadvise(int fd, long offset, long length, int advice);

        int ioctl(int fd, long request, long argument);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }

    private PageCache() {
    }

    /**
     * Drops the cached pages of {@code path}.
     *
     * @return null on success, else the reason it could not be done (an errno text)
     */
    public static String drop(Path path) {
        POSIX posix = Kernel.posix();
        int fd = posix.open(path.toString(), OpenFlags.O_RDONLY.intValue(), 0);
        if (fd < 0) {
            return posix.strerror(posix.errno());
        }
        try {
            posix.fsync(fd);
            FileStat stat = posix.fstat(fd);
            if (stat.isBlockDev()) {
                Holder.LIBC.ioctl(fd, BLKFLSBUF, 0);
            }
            // posix_fadvise returns the error number itself rather than setting errno.
            int error = Holder.LIBC.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            return error == 0 ? null : posix.strerror(error);
        } finally {
            posix.close(fd);
        }
    }
}
