package org.bmaptool.linux.extents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bmaptool.linux.kernel.SparseFile;
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
        return new SeekLayout(SparseFile.open(file));
    }

    private static final class SeekLayout implements FileLayout {
        private final SparseFile file;
        private final long size;

        SeekLayout(SparseFile file) {
            this.file = file;
            this.size = file.size();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int blockSize() {
            return file.blockSize();
        }

        @Override
        public Iterator<ByteExtent> dataExtents() {
            return new Iterator<>() {
                private long position;
                private ByteExtent next;

                @Override
                public boolean hasNext() {
                    if (next == null && position < size) {
                        long data = file.nextData(position);
                        if (data < 0) {
                            position = size; // ENXIO: no data past position
                            return false;
                        }
                        long hole = Math.min(file.nextHole(data), size);
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
            file.close();
        }
    }
}
