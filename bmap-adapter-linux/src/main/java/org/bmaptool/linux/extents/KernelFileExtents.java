package org.bmaptool.linux.extents;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bmaptool.linux.kernel.Fiemap;
import org.bmaptool.linux.kernel.SparseFile;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.extents.FileLayout;

/**
 * Finds a file's data extents as upstream bmaptool's Filemap does: the FIEMAP ioctl
 * (syncing the file on every call) where the filesystem has it, else lseek
 * SEEK_DATA/SEEK_HOLE once a probe has shown that SEEK_HOLE is real and not the stub
 * that calls every file fully mapped. Where neither works it refuses, rather than call
 * the whole file data. Extents are clipped to the file size, so preallocation past the
 * end of the file maps nothing.
 */
public final class KernelFileExtents implements FileExtentsProbe {
    private final boolean tryFiemap;
    private final int fiemapCapacity;

    public KernelFileExtents() {
        this(true, Fiemap.DEFAULT_CAPACITY);
    }

    /** For tests: skip FIEMAP to reach the SEEK path, or use small batches to cross batch edges. */
    KernelFileExtents(boolean tryFiemap, int fiemapCapacity) {
        this.tryFiemap = tryFiemap;
        this.fiemapCapacity = fiemapCapacity;
    }

    @Override
    public FileLayout open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PortException(Files.exists(file) ? "'" + file + "' is not a regular file"
                    : "cannot open image file '" + file + "': no such file");
        }
        SparseFile sparse = SparseFile.open(file);
        try {
            String fiemapProblem = "FIEMAP was not tried";
            if (tryFiemap) {
                Fiemap fiemap = sparse.fiemap(fiemapCapacity);
                fiemapProblem = fiemap.unsupportedReason();
                if (fiemapProblem == null) {
                    return new FiemapLayout(sparse, fiemap);
                }
            }
            String seekProblem = seekHoleProblem(file, sparse.blockSize());
            if (seekProblem == null) {
                return new SeekLayout(sparse);
            }
            throw new PortException("cannot find the mapped blocks of '" + file + "': " + fiemapProblem
                    + ", and " + seekProblem);
        } catch (RuntimeException e) {
            sparse.close();
            throw e;
        }
    }

    /**
     * Null when SEEK_HOLE finds holes on the file's filesystem. Some filesystems only have
     * the generic stub, which says every file is data to its end; like upstream, a fresh
     * one-block hole in the image's folder tells them apart.
     */
    private static String seekHoleProblem(Path file, int blockSize) {
        Path folder = file.toAbsolutePath().getParent();
        Path probe = null;
        try {
            probe = Files.createTempFile(folder, ".bmaptool-seek-hole-", ".probe");
            try (RandomAccessFile hole = new RandomAccessFile(probe.toFile(), "rw")) {
                hole.setLength(blockSize);
            }
            try (SparseFile probed = SparseFile.open(probe)) {
                return probed.nextHole(0) == 0 ? null : "the file system does not support SEEK_HOLE and SEEK_DATA"
                        + " but only provides a stub implementation";
            }
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot create a temporary file in '" + folder + "' to check SEEK_HOLE: " + e.getMessage();
        } catch (PortException e) {
            return "SEEK_HOLE fails: " + e.getMessage();
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // A probe left behind is harmless; the answer stands.
                }
            }
        }
    }

    /** The FIEMAP walk: batches of extents until the one flagged last or the end of the file. */
    private static final class FiemapLayout implements FileLayout {
        private final SparseFile file;
        private final Fiemap fiemap;
        private final long size;

        FiemapLayout(SparseFile file, Fiemap fiemap) {
            this.file = file;
            this.fiemap = fiemap;
            this.size = file.size();
        }

        @Override
        public String toString() {
            return "FIEMAP map";
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
                private int index;
                private int count;
                private long batchStart = -1;
                private boolean done = size == 0;
                private ByteExtent next;

                @Override
                public boolean hasNext() {
                    while (next == null && !done) {
                        if (index < count) {
                            take(index++);
                        } else if (position >= size || position == batchStart) {
                            done = true; // the end, or a batch that did not move on
                        } else {
                            batchStart = position;
                            count = fiemap.map(position, size - position);
                            index = 0;
                            done = count == 0;
                        }
                    }
                    return next != null;
                }

                // The kernel returns whole extents that overlap the range asked for: the
                // first may start before it, the last may reach past the end of file.
                private void take(int i) {
                    long start = Math.max(fiemap.logical(i), position);
                    long end = Math.min(fiemap.logical(i) + fiemap.length(i), size);
                    if (fiemap.isLast(i) || end >= size) {
                        done = true;
                    }
                    if (end > start) {
                        next = new ByteExtent(start, end - start);
                        position = end;
                    }
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

    /** The lseek walk: from each SEEK_DATA answer to the SEEK_HOLE after it. */
    private static final class SeekLayout implements FileLayout {
        private final SparseFile file;
        private final long size;

        SeekLayout(SparseFile file) {
            this.file = file;
            this.size = file.size();
        }

        @Override
        public String toString() {
            return "SEEK_DATA/SEEK_HOLE map";
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
                        if (data < 0 || data >= size) {
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
