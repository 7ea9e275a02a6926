package org.bmaptool.app.copy;

import org.bmaptool.app.cli.Wiring;
import java.nio.file.Path;
import java.util.Iterator;
import org.bmaptool.app.common.Ports;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileLayout;

/** What the kernel says sparse test images ({@link org.bmaptool.testkit.SparseFiles}) hold. */
final class SparseImages {

    private SparseImages() {
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
