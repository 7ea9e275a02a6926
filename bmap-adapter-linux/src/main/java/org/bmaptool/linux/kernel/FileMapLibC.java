package org.bmaptool.linux.kernel;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.SaveError;

/**
 * The libc call that maps a file's blocks and that jnr-posix does not offer:
 * {@code ioctl(2)} with a pointer argument, for {@code FS_IOC_FIEMAP} and
 * {@code FIGETBSZ}. The argument is a direct buffer, so the kernel reads and writes the
 * same memory Java parses afterwards, with no copy. Public only because the class
 * jnr-ffi generates for it lives in another module.
 */
public interface FileMapLibC {

    /** {@code int ioctl(int fd, unsigned long request, void *argument)}; errno is kept for the caller. */
    @SaveError
    int ioctl(int fd, long request, ByteBuffer argument);
}
