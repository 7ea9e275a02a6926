package org.bmaptool.linux.extents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import jnr.constants.platform.OpenFlags;
import jnr.posix.FileStat;
import jnr.posix.POSIX;
import org.bmaptool.linux.kernel.Kernel;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.extents.FileLayout;

/** Finds a file's data extents with lseek SEEK_DATA/SEEK_HOLE. */
public final class KernelFileExtents implements FileExtentsProbe {

    @Override
    public FileLayout open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PortException("'" + file + "' is not a regular file");
        }
        POSIX posix = Kernel.posix();
        int fd = posix.open(file.toString(), OpenFlags.O_RDONLY.intValue(), 0);
        if (fd < 0) {
            throw new PortException("cannot open image file '" + file + "': " + posix.strerror(posix.errno()));
        }
        posix.fsync(fd);
        FileStat stat = posix.fstat(fd);
        return new SeekLayout(posix, fd, stat.st_size(), (int) stat.blockSize(), file);
    }

    private static final class SeekLayout implements FileLayout {
        private final POSIX posix;
        private final int fd;
        private final long size;
        private final int blockSize;
        private final Path file;

        SeekLayout(POSIX posix, int fd, long size, int blockSize, Path file) {
            this.posix = posix;
            this.fd = fd;
            this.size = size;
            this.blockSize = blockSize;
            this.file = file;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int blockSize() {
            return blockSize;
        }

        @Override
        public Iterator<ByteExtent> dataExtents() {
            return new Iterator<>() {
                private long position;
                private ByteExtent next;

                @Override
                public boolean hasNext() {
                    if (next == null && position < size) {
                        long data = posix.lseekLong(fd, position, Kernel.SEEK_DATA);
                        if (data < 0) {
                            position = size; // ENXIO: no data past position
                            return false;
                        }
                        long hole = posix.lseekLong(fd, data, Kernel.SEEK_HOLE);
                        if (hole < 0) {
                            throw new PortException("cannot find holes in '" + file + "': "
                                    + posix.strerror(posix.errno()));
                        }
                        hole = Math.min(hole, size);
                        position = hole;
                        if (hole > data) {
                            next = new ByteExtent(data, hole - data);
                        }
                    }
                    return next != null;
                }

                @Override
                public ByteExtent next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ByteExtent extent = next;
                    next = null;
                    return extent;
                }
            };
        }

        @Override
        public void close() {
            posix.close(fd);
        }
    }
}
