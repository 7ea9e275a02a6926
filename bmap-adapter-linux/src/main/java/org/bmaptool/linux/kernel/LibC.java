package org.bmaptool.linux.kernel;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;

/**
 * Every libc call the adapter makes, in one jnr-ffi binding: mapping a file's data
 * ({@code lseek} SEEK_DATA/SEEK_HOLE, {@code ioctl} FS_IOC_FIEMAP and FIGETBSZ), writing a
 * block device ({@code open} O_EXCL, {@code pwrite}, {@code fdatasync}, BLKGETSIZE64) and
 * dropping cached pages ({@code posix_fadvise}, BLKFLSBUF). A binding of our own rather
 * than jnr-posix's: generating jnr-posix's hundreds of methods cost about a second of CPU
 * on every command that touched it, more than mapping or verifying a small image. The
 * ioctl argument is a direct buffer, so the kernel fills the memory Java parses, with no
 * copy. Public only because the class jnr-ffi generates for it lives in another module.
 */
public interface LibC {

    /** {@code open(path, flags)}, no mode: the file is never created. */
    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    int fsync(int fd);

    @SaveError
    long lseek(int fd, long offset, int whence);

    /** {@code int ioctl(int fd, unsigned long request, void *argument)}; null passes NULL. */
    @SaveError
    int ioctl(int fd, long request, ByteBuffer argument);

    @SaveError
    long pwrite(int fd, @In ByteBuffer data, long count, long offset);

    @SaveError
    int fdatasync(int fd);

    /** Returns the error number itself rather than setting errno. */
    int posix_fadvise(int fd, long offset, long length, int advice);

    String strerror(int errno);

    /** The binding, generated on first use: only the commands that map files pay for it. */
    final class Loaded {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

        private Loaded() {
        }

        /** errno of this thread's last call, as text. */
        static String lastError() {
            return LIBC.strerror(RUNTIME.getLastError());
        }
    }
}
