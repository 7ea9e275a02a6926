package org.bmaptool.ports.extents;

import java.nio.file.Path;

/**
 * Port: which byte ranges of a file hold data. The Linux adapter asks the kernel
 * (FIEMAP, else SEEK_DATA/SEEK_HOLE); tests use a pure-Java fake.
 */
public interface FileExtentsProbe {

    /**
     * Opens {@code file} for inspection (syncing it first, so that delayed allocation is
     * settled).
     *
     * @throws org.bmaptool.ports.PortException when the file is not a regular file, cannot
     *     be opened, or its filesystem can tell neither holes nor data apart
     */
    FileLayout open(Path file);
}
