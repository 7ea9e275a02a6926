package org.bmaptool.linux.extents;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.bmaptool.linux.kernel.Fiemap;
import org.bmaptool.linux.kernel.Kernel;
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
 * end of the file maps nothing. The kernel binding is asked for on the first open, so
 * that a command that maps nothing does not load it.
 */
public final class KernelFileExtents implements FileExtentsProbe {
    private final Supplier<Kernel> kernel;
    private final boolean tryFiemap;
    private final int fiemapCapacity;

    public KernelFileExtents(Supplier<Kernel> kernel) {
        this(kernel, true, Fiemap.DEFAULT_CAPACITY);
    }

    /** For tests: skip FIEMAP to reach the SEEK path, or use small batches to cross batch edges. */
    KernelFileExtents(Supplier<Kernel> kernel, boolean tryFiemap, int fiemapCapacity) {
        this.kernel = kernel;
        this.tryFiemap = tryFiemap;
        this.fiemapCapacity = fiemapCapacity;
    }

    @Override
    public FileLayout open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PortException(Files.exists(file) ? "'" + file + "' is not a regular file"
                    : "cannot open image file '" + file + "': no such file");
        }
        Kernel kernel = this.kernel.get();
        SparseFile sparse = SparseFile.open(kernel, file);
        try {
            String fiemapProblem = "FIEMAP was not tried";
            if (tryFiemap) {
                Fiemap fiemap = sparse.fiemap(fiemapCapacity);
                fiemapProblem = fiemap.unsupportedReason();
                if (fiemapProblem == null) {
                    return new FiemapLayout(sparse, fiemap);
                }
            }
            String seekProblem = seekHoleProblem(kernel, file, sparse.blockSize());
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
    private static String seekHoleProblem(Kernel kernel, Path file, int blockSize) {
        Path folder = file.toAbsolutePath().getParent();
        Path probe = null;
        try {
            probe = Files.createTempFile(folder, ".bmaptool-seek-hole-", ".probe");
            try (RandomAccessFile hole = new RandomAccessFile(probe.toFile(), "rw")) {
                hole.setLength(blockSize);
            }
            try (SparseFile probed = SparseFile.open(kernel, probe)) {
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

    /** What both walks share: the open file, its size and block size, and closing it. */
    private abstract static class KernelLayout implements FileLayout {
        final SparseFile file;
        final long size;
        private final String method;

        KernelLayout(SparseFile file, String method) {
            this.file = file;
            this.size = file.size();
            this.method = method;
        }

        @Override
        public String toString() {
            return method + " map";
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
        public void close() {
            file.close();
        }
    }

    /** An iterator over extents found one at a time; {@link #advance} returns null at the end. */
    private abstract static class ExtentWalk implements Iterator<ByteExtent> {
        private ByteExtent next;
        private boolean ended;

        abstract ByteExtent advance();

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                next = advance();
                ended = next == null;
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
    }

    /** The FIEMAP walk: batches of extents until the one flagged last or the end of the file. */
    private static final class FiemapLayout extends KernelLayout {
        private final Fiemap fiemap;

        FiemapLayout(SparseFile file, Fiemap fiemap) {
            super(file, "FIEMAP");
            this.fiemap = fiemap;
        }

        @Override
        public Iterator<ByteExtent> dataExtents() {
            return new ExtentWalk() {
                private long position;
                private int index;
                private int count;
                private long batchStart = -1;
                private boolean done = size == 0;

                @Override
                ByteExtent advance() {
                    while (!done) {
                        if (index < count) {
                            ByteExtent extent = take(index++);
                            if (extent != null) {
                                return extent;
                            }
                        } else if (position >= size || position == batchStart) {
                            done = true; // the end, or a batch that did not move on
                        } else {
                            batchStart = position;
                            count = fiemap.map(position, size - position);
                            index = 0;
                            done = count == 0;
                        }
                    }
                    return null;
                }

                // The kernel returns whole extents that overlap the range asked for: the
                // first may start before it, the last may reach past the end of file.
                private ByteExtent take(int i) {
                    long start = Math.max(fiemap.logical(i), position);
                    long end = Math.min(fiemap.logical(i) + fiemap.length(i), size);
                    if (fiemap.isLast(i) || end >= size) {
                        done = true;
                    }
                    if (end <= start) {
                        return null;
                    }
                    position = end;
                    return new ByteExtent(start, end - start);
                }
            };
        }
    }

    /** The lseek walk: from each SEEK_DATA answer to the SEEK_HOLE after it. */
    private static final class SeekLayout extends KernelLayout {

        SeekLayout(SparseFile file) {
            super(file, "SEEK_DATA/SEEK_HOLE");
        }

        @Override
        public Iterator<ByteExtent> dataExtents() {
            return new ExtentWalk() {
                private long position;

                @Override
                ByteExtent advance() {
                    while (position < size) {
                        long data = file.nextData(position);
                        if (data < 0 || data >= size) {
                            break; // ENXIO: no data past position
                        }
                        long hole = Math.min(file.nextHole(data), size);
                        if (hole <= data) {
                            break; // a kernel answer that does not move on ends the walk
                        }
                        position = hole;
                        return new ByteExtent(data, hole - data);
                    }
                    position = size;
                    return null;
                }
            };
        }
    }
}
