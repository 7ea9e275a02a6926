package org.bmaptool.linux.kernel;

import java.nio.file.Path;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.posix.FileStat;
import jnr.posix.POSIX;
import org.bmaptool.ports.PortException;

/**
 * A file opened read-only for finding its data and holes with lseek(2) SEEK_DATA and
 * SEEK_HOLE. Keeps the file descriptor and the JNR calls inside the kernel package.
 */
public final class SparseFile implements AutoCloseable {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    private final POSIX posix;
    private final int fd;
    private final Path path;
    private final long size;
    private final int blockSize;
    private final long allocatedBytes;

    private SparseFile(POSIX posix, int fd, Path path, long size, int blockSize, long allocatedBytes) {
        this.posix = posix;
        this.fd = fd;
        this.path = path;
        this.size = size;
        this.blockSize = blockSize;
        this.allocatedBytes = allocatedBytes;
    }

    /** Opens the file and syncs it, so that delayed allocation does not hide data. */
    public static SparseFile open(Path path) {
        POSIX posix = Kernel.posix();
        int fd = posix.open(path.toString(), OpenFlags.O_RDONLY.intValue(), 0);
        if (fd < 0) {
            throw new PortException("cannot open image file '" + path + "': " + posix.strerror(posix.errno()));
        }
        posix.fsync(fd);
        FileStat stat = posix.fstat(fd);
        return new SparseFile(posix, fd, path, stat.st_size(), Fiemap.blockSize(fd, (int) stat.blockSize()),
                stat.blocks() * 512);
    }

    public long size() {
        return size;
    }

    /** The filesystem block size: FIGETBSZ, else st_blksize. */
    public int blockSize() {
        return blockSize;
    }

    /** The bytes the filesystem has allocated to the file (st_blocks, in units of 512). */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** The FIEMAP ioctl on this file, with room for {@code capacity} extents per call. */
    public Fiemap fiemap(int capacity) {
        return new Fiemap(fd, path, capacity);
    }

    /** The first data offset at or after {@code position}, or -1 when only a hole follows. */
    public long nextData(long position) {
        long data = posix.lseekLong(fd, position, SEEK_DATA);
        if (data < 0) {
            int errno = posix.errno();
            if (errno != Errno.ENXIO.intValue()) {
                throw new PortException("cannot find data in '" + path + "': " + posix.strerror(errno));
            }
            return -1;
        }
        return data;
    }

    /** The first hole offset at or after {@code position} (the end of file counts as a hole). */
    public long nextHole(long position) {
        long hole = posix.lseekLong(fd, position, SEEK_HOLE);
        if (hole < 0) {
            throw new PortException("cannot find holes in '" + path + "': " + posix.strerror(posix.errno()));
        }
        return hole;
    }

    @Override
    public void close() {
        posix.close(fd);
    }
}
