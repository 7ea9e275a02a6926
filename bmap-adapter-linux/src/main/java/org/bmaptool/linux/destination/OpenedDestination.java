package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bmaptool.linux.kernel.WritableFile;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;

/**
 * A destination that passed its checks and is open: positioned writes through the
 * kernel, a sync that fits the kind (none for character devices, where fsync means
 * nothing and /dev/null refuses it), and a close that restores block-device tuning.
 */
final class OpenedDestination implements Destination {
    private final String name;
    private final DestinationKind kind;
    private final WritableFile file;
    private final WriteTuning tuning;
    private final List<String> warnings;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param tuning the block device's tuning to undo on close; null for other kinds */
    OpenedDestination(String name, DestinationKind kind, WritableFile file, WriteTuning tuning,
                      List<String> warnings) {
        this.name = name;
        this.kind = kind;
        this.file = file;
        this.tuning = tuning;
        this.warnings = List.copyOf(warnings);
    }

    @Override
    public String name() {
        return name;
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
    public void write(ByteBuffer data, long position) throws IOException {
        file.write(data, position);
    }

    @Override
    public void sync() throws IOException {
        switch (kind) {
            case REGULAR_FILE:
                file.fsync();
                break;
            case BLOCK_DEVICE:
                // A block device has no metadata worth an fsync; its data is what counts.
                file.fdatasync();
                break;
            default:
                break;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (tuning != null) {
                tuning.restore();
            }
        } catch (PortException e) {
            throw new PortException("block device '" + name + "': " + e.getMessage(), e);
        } finally {
            file.close();
        }
    }
}
