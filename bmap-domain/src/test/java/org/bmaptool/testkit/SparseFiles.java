package org.bmaptool.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Random;

/** Sparse files written with real holes: only the bytes a test names are written. */
public final class SparseFiles {

    private SparseFiles() {
    }

    /**
     * A file of {@code size} bytes holding random data (seeded by the size, so the same
     * call writes the same bytes) at each {@code [offset, length]} pair, holes elsewhere.
     */
    public static Path write(Path file, long size, long... offsetsAndLengths) throws IOException {
        Random random = new Random(size);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
            for (int i = 0; i < offsetsAndLengths.length; i += 2) {
                byte[] data = new byte[(int) offsetsAndLengths[i + 1]];
                random.nextBytes(data);
                out.seek(offsetsAndLengths[i]);
                out.write(data);
            }
        }
        return file;
    }

    /** Preallocates {@code length} bytes from {@code offset} without writing them (unwritten extents). */
    public static void preallocate(Path file, long offset, long length) throws IOException, InterruptedException {
        Processes.assumeTool("fallocate");
        Processes.run("fallocate", "-n", "-o", Long.toString(offset), "-l", Long.toString(length), file.toString());
    }
}
