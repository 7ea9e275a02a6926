package org.bmaptool.ports.destination;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An open, checked destination: a regular file, a block device or a character device,
 * written by position. Closing it restores whatever was changed to speed up the copy
 * (I/O scheduler, dirty-page limits), on every path.
 */
public interface Destination extends AutoCloseable {

    /** The path the user gave, for messages. */
    String name();

    /** What kind of thing is being written. */
    DestinationKind kind();

    /** Writes all of {@code data} at {@code position}. */
    void write(ByteBuffer data, long position) throws IOException;

    /** Flushes what was written to the medium (no-op where that means nothing). */
    void sync() throws IOException;

    @Override
    void close();
}
