package org.bmaptool.linux.libc;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;

/**
 * Every libc call the adapter makes, in one jnr-ffi binding: mapping a file's data
 * ({@code lseek} SEEK_DATA/SEEK_HOLE, {@code ioctl} FS_IOC_FIEMAP and FIGETBSZ), writing a
 * block device ({@code open} O_EXCL, {@code pwrite}, {@code fdatasync}, BLKGETSIZE64), zeroing
 * (BLKZEROOUT, BLKSSZGET, {@code fallocate} PUNCH_HOLE) and
 * dropping cached pages ({@code posix_fadvise}, BLKFLSBUF). A binding of our own rather
 * than jnr-posix's: generating jnr-posix's hundreds of methods cost about a second of CPU
 * on every command that touched it, more than mapping or verifying a small image. The
 * ioctl argument is a direct buffer, so the kernel fills the memory Java parses, with no
 * copy. Alone in an exported package only because the class jnr-ffi generates for it
 * lives in another module; {@code kernel.Kernel} loads it and the kernel classes get it
 * injected, so that tests can hand them a fake.
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

    /** {@code fallocate(fd, mode, offset, len)}: here only to punch holes into a regular file. */
    @SaveError
    int fallocate(int fd, int mode, long offset, long length);

    /** Returns the error number itself rather than setting errno. */
    int posix_fadvise(int fd, long offset, long length, int advice);

    String strerror(int errno);
}
