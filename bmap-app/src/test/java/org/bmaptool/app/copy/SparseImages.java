package org.bmaptool.app.copy;

import org.bmaptool.app.cli.Wiring;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Random;
import org.bmaptool.app.common.Ports;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileLayout;

/** Sparse test images written with real holes, and what the kernel says they hold. */
final class SparseImages {

    private SparseImages() {
    }

    /** A file of {@code size} bytes holding random data at each {@code [offset, length]} pair, holes elsewhere. */
    static Path write(Path file, long size, long... offsetsAndLengths) throws IOException {
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

    /** The bytes of {@code file} that the file system stores (its data extents), as the kernel reports them. */
    static long allocatedBytes(Path file) {
        long total = 0;
        try (FileLayout layout = Wiring.systemPorts().extents().open(file)) {
            for (Iterator<ByteExtent> extents = layout.dataExtents(); extents.hasNext(); ) {
                total += extents.next().length();
            }
        }
        return total;
    }
}
