package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bmaptool.linux.kernel.BlockDevice;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;

/**
 * A block device that passed its checks, claimed exclusively and tuned for the copy;
 * close() undoes the tuning and releases the device, once, from any thread.
 */
final class BlockDeviceDestination implements Destination {
    private final String name;
    private final BlockDevice device;
    private final WriteTuning tuning;
    private final AtomicBoolean closed = new AtomicBoolean();

    BlockDeviceDestination(String name, BlockDevice device, WriteTuning tuning) {
        this.name = name;
        this.device = device;
        this.tuning = tuning;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.BLOCK_DEVICE;
    }

    @Override
    public List<String> warnings() {
        return tuning.warnings();
    }

    @Override
    public void write(ByteBuffer data, long position) {
        try {
            device.write(data, position);
        } catch (IOException e) {
            throw PortException.of(name, e);
        }
    }

    @Override
    public void zero(long start, long end) {
        try {
            device.zeroOut(start, end);
        } catch (IOException e) {
            throw PortException.of(name, e);
        }
    }

    @Override
    public void sync() {
        try {
            device.fdatasync();
        } catch (IOException e) {
            throw PortException.of(name, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            tuning.restore();
        } catch (PortException e) {
            throw new PortException("block device '" + name + "': " + e.getMessage(), e);
        } finally {
            device.close();
        }
    }
}
