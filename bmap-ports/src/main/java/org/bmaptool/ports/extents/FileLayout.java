package org.bmaptool.ports.extents;

import java.util.Iterator;

/**
 * The layout of one open file: its size, the filesystem's block size for it, and the
 * extents that hold data, in ascending order. Unwritten (preallocated) extents count as
 * data, as upstream bmaptool counts them.
 */
public interface FileLayout extends AutoCloseable {

    /** The file's size in bytes when it was opened. */
    long size();

    /** The filesystem block size of the file (FIGETBSZ, else st_blksize). */
    int blockSize();

    /**
     * The data extents, fetched lazily in batches: a file with millions of extents never
     * sits in memory. Each call starts a fresh walk from the start of the file.
     *
     * @throws org.bmaptool.ports.PortException when the kernel cannot tell
     */
    Iterator<ByteExtent> dataExtents();

    @Override
    void close();
}
