package org.bmaptool.linux.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmaptool.ports.PortException;

/**
 * A file opened read-only for finding its data and holes with lseek(2) SEEK_DATA and
 * SEEK_HOLE, or with FIEMAP ({@link #fiemap}). Keeps the file descriptor and the JNR
 * calls inside the kernel package; uses the small {@link LibC} binding, not
 * jnr-posix, so that mapping a small image does not pay for generating all of libc.
 */
public final class SparseFile implements AutoCloseable {
    private static final int O_RDONLY = 0;
    /** O_CLOEXEC from asm-generic/fcntl.h (x86 and arm64 alike). */
    private static final int O_CLOEXEC = 02000000;
    private static final int SEEK_END = 2;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;

    private final LibC libc;
    private final int fd;
    private final Path path;
    private final long size;
    private final int blockSize;

    private SparseFile(LibC libc, int fd, Path path, long size, int blockSize) {
        this.libc = libc;
        this.fd = fd;
        this.path = path;
        this.size = size;
        this.blockSize = blockSize;
    }

    /** Opens the file and syncs it, so that delayed allocation does not hide data. */
    public static SparseFile open(Path path) {
        LibC libc = LibC.Loaded.LIBC;
        int fd = libc.open(path.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new PortException("cannot open image file '" + path + "': " + LibC.Loaded.lastError());
        }
        try {
            if (libc.fsync(fd) != 0) {
                throw new PortException("cannot synchronize image file '" + path + "': "
                        + LibC.Loaded.lastError());
            }
            long size = libc.lseek(fd, 0, SEEK_END);
            if (size < 0) {
                throw new PortException("cannot get the size of '" + path + "': " + LibC.Loaded.lastError());
            }
            return new SparseFile(libc, fd, path, size, Fiemap.blockSize(fd, fallbackBlockSize(path)));
        } catch (RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    // Where FIGETBSZ is refused: the filesystem's preferred I/O size, as st_blksize has it.
    private static int fallbackBlockSize(Path path) {
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
        return new Fiemap(fd, path, capacity);
    }

    /** The first data offset at or after {@code position}, or -1 when only a hole follows. */
    public long nextData(long position) {
        long data = libc.lseek(fd, position, SEEK_DATA);
        if (data < 0) {
            int errno = LibC.Loaded.RUNTIME.getLastError();
            if (errno != ENXIO) {
                throw new PortException("cannot find data in '" + path + "': " + libc.strerror(errno));
            }
            return -1;
        }
        return data;
    }

    /** The first hole offset at or after {@code position} (the end of file counts as a hole). */
    public long nextHole(long position) {
        long hole = libc.lseek(fd, position, SEEK_HOLE);
        if (hole < 0) {
            throw new PortException("cannot find holes in '" + path + "': " + LibC.Loaded.lastError());
        }
        return hole;
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
