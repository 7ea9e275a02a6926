package org.bmaptool.linux.kernel;

import static org.bmaptool.linux.kernel.Constants.ENOSYS;
import static org.bmaptool.linux.kernel.Constants.ENOTTY;
import static org.bmaptool.linux.kernel.Constants.EOPNOTSUPP;
import static org.bmaptool.linux.kernel.Constants.FIEMAP_EXTENT_LAST;
import static org.bmaptool.linux.kernel.Constants.FIEMAP_FLAG_SYNC;
import static org.bmaptool.linux.kernel.Constants.FS_IOC_FIEMAP;

import java.nio.file.Path;
import org.bmaptool.ports.PortException;

/**
 * The FIEMAP ioctl on one open file: asks the filesystem which byte ranges of the file
 * are mapped, a batch of extents at a time, into one reused native buffer
 * ({@link FiemapBuffer} has the C structs). Every call syncs the file first, as upstream
 * bmaptool does, so that delayed allocation is settled.
 */
public final class Fiemap {
    /** Extents per call: a 256 KiB buffer, as upstream bmaptool uses. */
    public static final int DEFAULT_CAPACITY = (256 * 1024 - FiemapBuffer.FIEMAP_SIZE) / FiemapBuffer.EXTENT_SIZE;

    private final Kernel kernel;
    private final int fd;
    private final Path path;
    private final FiemapBuffer fiemap;

    Fiemap(Kernel kernel, int fd, Path path, int capacity) {
        this.fiemap = new FiemapBuffer(capacity);
        this.kernel = kernel;
        this.fd = fd;
        this.path = path;
    }

    /**
     * Null when FIEMAP works on this file, else why it does not (the kernel or the
     * filesystem does not implement it); other failures throw.
     */
    public String unsupportedReason() {
        int errno = call(0, 1);
        if (errno == EOPNOTSUPP) {
            return "the FIEMAP ioctl is not supported by the file system";
        }
        if (errno == ENOTTY || errno == ENOSYS) {
            return "the FIEMAP ioctl is not supported by the kernel";
        }
        failIf(errno);
        return null;
    }

    /**
     * Maps {@code length} bytes from {@code start} (syncing the file first): at most
     * {@link #capacity()} extents, readable with the accessors until the next call.
     *
     * @return the number of extents filled in; zero when there is no data in the range
     */
    public int map(long start, long length) {
        failIf(call(start, length));
        return fiemap.mappedExtents();
    }

    /** Room for extents in one call. */
    public int capacity() {
        return fiemap.capacity();
    }

    /** {@code fe_logical} of extent {@code i} of the last call. */
    public long logical(int i) {
        return fiemap.logical(i);
    }

    /** {@code fe_length} of extent {@code i} of the last call. */
    public long length(int i) {
        return fiemap.length(i);
    }

    /** True when extent {@code i} of the last call is the file's last one. */
    public boolean isLast(int i) {
        return (fiemap.flags(i) & FIEMAP_EXTENT_LAST) != 0;
    }

    private int call(long start, long length) {
        fiemap.request(start, length, FIEMAP_FLAG_SYNC);
        return kernel.libc().ioctl(fd, FS_IOC_FIEMAP, fiemap.buffer()) == 0 ? 0 : kernel.errno();
    }

    private void failIf(int errno) {
        if (errno != 0) {
            throw new PortException("the FIEMAP ioctl failed for '" + path + "': " + kernel.strerror(errno));
        }
    }
}
