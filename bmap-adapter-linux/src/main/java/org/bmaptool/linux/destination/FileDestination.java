package org.bmaptool.linux.destination;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bmaptool.linux.kernel.FileHoles;
import org.bmaptool.linux.kernel.Kernel;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;

/**
 * A regular file or a character device, written through a FileChannel (no native code
 * to load). A regular file syncs through a descriptor of its own, which works even after
 * an interrupt of the writing thread closed the channel; a character device does not
 * sync at all (fsync means nothing there, and /dev/null refuses it). Zeroing punches
 * holes into a regular file (the one native call here, loaded only then) and writes
 * zeros where holes cannot be punched.
 */
final class FileDestination implements Destination {
    private final Path path;
    private final DestinationKind kind;
    private final FileChannel channel;
    private final List<String> warnings;
    private final Supplier<Kernel> kernel;
    private final AtomicBoolean closed = new AtomicBoolean();

    FileDestination(Path path, DestinationKind kind, FileChannel channel, List<String> warnings,
                    Supplier<Kernel> kernel) {
        this.path = path;
        this.kind = kind;
        this.channel = channel;
        this.warnings = List.copyOf(warnings);
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public DestinationKind kind() {
        return kind;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void write(ByteBuffer data, long position) {
        long at = position;
        try {
            while (data.hasRemaining()) {
                at += channel.write(data, at);
            }
        } catch (ClosedChannelException e) {
            // Closed by close() (a shutdown hook) or by an interrupt of this thread.
            throw PortException.of(name(), "destination '" + path + "' is closed", e);
        } catch (IOException e) {
            throw PortException.of(name(), e);
        }
    }

    @Override
    public void zero(long start, long end) {
        if (closed.get()) {
            throw PortException.of(name(), "destination '" + path + "' is closed", null);
        }
        try {
            if (kind == DestinationKind.REGULAR_FILE && new FileHoles(kernel.get()).punch(path, start, end)) {
                return;
            }
        } catch (IOException e) {
            throw PortException.of(name(), e);
        }
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = start; at < end; at += zeros.capacity()) {
            write(zeros.clear().limit((int) Math.min(zeros.capacity(), end - at)), at);
        }
    }

    @Override
    public void sync() {
        if (kind != DestinationKind.REGULAR_FILE) {
            return;
        }
        // fsync on any descriptor of the file flushes all of its dirty pages; unlike
        // FileChannel.force, FileDescriptor.sync is not undone by a thread interrupt.
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            file.getFD().sync();
        } catch (IOException e) {
            throw PortException.of(name(), e);
        }
    }

    /** Closes the channel; a write running in another thread fails with AsynchronousCloseException. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new PortException("cannot close destination '" + path + "': " + e.getMessage(), e);
        }
    }
}
