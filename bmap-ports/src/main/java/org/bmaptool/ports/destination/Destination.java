package org.bmaptool.ports.destination;

import java.nio.ByteBuffer;
import java.util.List;

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

    /**
     * What the user should know about how the destination was opened, one line each:
     * tuning that could not be applied (the copy works, only slower), a regular file
     * under {@code /dev}. Printed as warnings by the application.
     */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * Writes all of {@code data} at {@code position}.
     *
     * @throws org.bmaptool.ports.PortException with this destination as its
     *     {@linkplain org.bmaptool.ports.PortException#subject() subject} and the cause as its message
     */
    void write(ByteBuffer data, long position);

    /**
     * Makes the bytes {@code start} to {@code end} (excluded) read as zeros, the cheapest
     * way the destination has: a block device has the kernel zero them (its write-zeroes
     * or zeroing discard where the device has them, else writes of zeros made by the
     * kernel), a regular file gets a hole there and keeps its size, a character device is
     * written zeros. {@link #sync()} makes it durable.
     *
     * @throws org.bmaptool.ports.PortException as {@link #write}
     */
    void zero(long start, long end);

    /**
     * Flushes what was written to the medium (no-op where that means nothing).
     *
     * @throws org.bmaptool.ports.PortException as {@link #write}
     */
    void sync();

    /**
     * Restores what was tuned and releases the destination. Safe to call more than once
     * and from another thread (a shutdown hook); the calls after the first do nothing.
     *
     * @throws org.bmaptool.ports.PortException when a setting could not be restored
     */
    @Override
    void close();
}
