package org.bmaptool.linux.kernel;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * The few libc calls that map a file's data: {@code open}, {@code fsync}, {@code lseek}
 * (SEEK_DATA, SEEK_HOLE) and {@code ioctl(2)} with a pointer argument (FS_IOC_FIEMAP,
 * FIGETBSZ). A binding of its own rather than jnr-posix's: generating jnr-posix's
 * hundreds of methods costs more CPU at start-up than mapping a small image does, and
 * {@code create} needs only these. The ioctl argument is a direct buffer, so the kernel
 * fills the memory Java parses, with no copy. Public only because the class jnr-ffi
 * generates for it lives in another module.
 */
public interface FileMapLibC {

    /** {@code open(path, flags)}, no mode: the file is never created. */
    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    int fsync(int fd);

    @SaveError
    long lseek(int fd, long offset, int whence);

    /** {@code int ioctl(int fd, unsigned long request, void *argument)}. */
    @SaveError
    int ioctl(int fd, long request, ByteBuffer argument);

    String strerror(int errno);

    /** The binding, generated on first use: only the commands that map files pay for it. */
    final class Loaded {
        static final FileMapLibC LIBC = LibraryLoader.create(FileMapLibC.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

        private Loaded() {
        }

        /** errno of this thread's last call, as text. */
        static String lastError() {
            return LIBC.strerror(RUNTIME.getLastError());
        }
    }
}
