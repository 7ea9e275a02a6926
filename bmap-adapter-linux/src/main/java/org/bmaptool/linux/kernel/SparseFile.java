package org.bmaptool.linux.kernel;

import static org.bmaptool.linux.kernel.Constants.ENXIO;
import static org.bmaptool.linux.kernel.Constants.FIGETBSZ;
import static org.bmaptool.linux.kernel.Constants.O_CLOEXEC;
import static org.bmaptool.linux.kernel.Constants.O_RDONLY;
import static org.bmaptool.linux.kernel.Constants.SEEK_DATA;
import static org.bmaptool.linux.kernel.Constants.SEEK_END;
import static org.bmaptool.linux.kernel.Constants.SEEK_HOLE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmaptool.linux.libc.LibC;
import org.bmaptool.ports.PortException;

/**
 * A file opened read-only for finding its data and holes with lseek(2) SEEK_DATA and
 * SEEK_HOLE, or with FIEMAP ({@link #fiemap}). Keeps the file descriptor inside the
 * kernel package; the calls go through the {@link Kernel} it was opened with.
 */
public final class SparseFile implements AutoCloseable {
    private final Kernel kernel;
    private final LibC libc;
    private final int fd;
    private final Path path;
    private final long size;
    private final int blockSize;

    private SparseFile(Kernel kernel, int fd, Path path, long size, int blockSize) {
        this.kernel = kernel;
        this.libc = kernel.libc();
        this.fd = fd;
        this.path = path;
        this.size = size;
        this.blockSize = blockSize;
    }

    /** Opens the file and syncs it, so that delayed allocation does not hide data. */
    public static SparseFile open(Kernel kernel, Path path) {
        LibC libc = kernel.libc();
        int fd = libc.open(path.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new PortException("cannot open image file '" + path + "': " + kernel.lastError());
        }
        try {
            if (libc.fsync(fd) != 0) {
                throw new PortException("cannot synchronize image file '" + path + "': " + kernel.lastError());
            }
            long size = libc.lseek(fd, 0, SEEK_END);
            if (size < 0) {
                throw new PortException("cannot get the size of '" + path + "': " + kernel.lastError());
            }
            return new SparseFile(kernel, fd, path, size, blockSize(libc, fd, path));
        } catch (RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    /**
     * The filesystem block size of the open file by FIGETBSZ, or where the ioctl is
     * refused or answers zero the filesystem's preferred I/O size, as st_blksize has it.
     */
    private static int blockSize(LibC libc, int fd, Path path) {
        ByteBuffer answer = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        if (libc.ioctl(fd, FIGETBSZ, answer) == 0 && answer.getInt(0) > 0) {
            return answer.getInt(0);
        }
        try {
            return (int) Files.getFileStore(path).getBlockSize();
        } catch (IOException | UnsupportedOperationException e) {
            return 4096;
        }
    }

    public long size() {
        return size;
    }

    /** The filesystem block size: FIGETBSZ, else st_blksize. */
    public int blockSize() {
        return blockSize;
    }

    /** The FIEMAP ioctl on this file, with room for {@code capacity} extents per call. */
    public Fiemap fiemap(int capacity) {
        return new Fiemap(kernel, fd, path, capacity);
    }

    /** The first data offset at or after {@code position}, or -1 when only a hole follows. */
    public long nextData(long position) {
        long data = libc.lseek(fd, position, SEEK_DATA);
        if (data < 0) {
            int errno = kernel.errno();
            if (errno != ENXIO) {
                throw new PortException("cannot find data in '" + path + "': " + kernel.strerror(errno));
            }
            return -1;
        }
        return data;
    }

    /** The first hole offset at or after {@code position} (the end of file counts as a hole). */
    public long nextHole(long position) {
        long hole = libc.lseek(fd, position, SEEK_HOLE);
        if (hole < 0) {
            throw new PortException("cannot find holes in '" + path + "': " + kernel.lastError());
        }
        return hole;
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
