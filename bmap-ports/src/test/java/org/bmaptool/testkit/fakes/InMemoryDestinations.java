package org.bmaptool.testkit.fakes;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.Destinations;

/**
 * Destinations in memory: regular files created in the directories the test names
 * (sized to the image, as the real adapter sizes them) and block devices of a fixed size
 * with a removable flag; refused with messages that name the destination, as the port
 * promises, where the real adapter would refuse them.
 */
public final class InMemoryDestinations implements Destinations {
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();
    private final Map<Path, Device> devices = new ConcurrentHashMap<>();
    private final Map<Path, byte[]> contents = new ConcurrentHashMap<>();
    private final AtomicInteger syncs = new AtomicInteger();

    private record Device(long size, boolean removable) {
    }

    /** Regular files may be created in each of {@code directories}. */
    public InMemoryDestinations(Path... directories) {
        this.directories.addAll(Arrays.asList(directories));
    }

    /** A block device at {@code path} of {@code size} bytes, all {@code fill}. */
    public InMemoryDestinations withDevice(Path path, int size, byte fill, boolean removable) {
        byte[] content = new byte[size];
        Arrays.fill(content, fill);
        devices.put(path, new Device(size, removable));
        contents.put(path, content);
        return this;
    }

    /** What {@code path} holds now, or null when it was never opened (and is no device). */
    public byte[] content(Path path) {
        byte[] content = contents.get(path);
        return content == null ? null : content.clone();
    }

    /** How many times a destination was synced. */
    public int syncs() {
        return syncs.get();
    }

    @Override
    public Destination open(DestinationRequest request) {
        Path path = request.path();
        Device device = devices.get(path);
        if (device == null) {
            if (request.removableOnly()) {
                throw new PortException("Destination file " + path + " is not a block device. But the "
                        + "removable-device option was given");
            }
            if (!directories.contains(path.toAbsolutePath().getParent())) {
                throw new PortException("cannot create destination file '" + path + "': directory '"
                        + path.toAbsolutePath().getParent() + "' does not exist");
            }
            contents.put(path, new byte[(int) Math.max(0, request.imageSize())]);
            return new Open(path, DestinationKind.REGULAR_FILE);
        }
        if (request.removableOnly() && !device.removable()) {
            throw new PortException("destination '" + path + "' is not removable");
        }
        if (request.imageSize() > device.size()) {
            throw new PortException("the image file" + (request.imageName().isEmpty() ? "" : " " + request.imageName())
                    + " has size " + request.imageSize() + " bytes and it will not fit the block device '" + path
                    + "' which has " + device.size() + " bytes");
        }
        return new Open(path, DestinationKind.BLOCK_DEVICE);
    }

    private final class Open implements Destination {
        private final Path path;
        private final DestinationKind kind;
        private final AtomicBoolean closed = new AtomicBoolean();

        Open(Path path, DestinationKind kind) {
            this.path = path;
            this.kind = kind;
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
        public void write(ByteBuffer data, long position) {
            if (closed.get()) {
                throw new PortException("destination '" + path + "' is closed");
            }
            synchronized (contents) {
                byte[] content = contents.get(path);
                long end = position + data.remaining();
                if (end > content.length) {
                    if (kind == DestinationKind.BLOCK_DEVICE) {
                        throw new PortException("cannot write to '" + path + "': no space left on device");
                    }
                    content = Arrays.copyOf(content, (int) end);
                    contents.put(path, content);
                }
                data.get(content, (int) position, data.remaining());
            }
        }

        /** Zeros the range, on a file as on a device: in memory a hole and zeros are one thing. */
        @Override
        public void zero(long start, long end) {
            if (closed.get()) {
                throw new PortException("destination '" + path + "' is closed");
            }
            synchronized (contents) {
                byte[] content = contents.get(path);
                if (end > content.length) {
                    throw new PortException("cannot zero '" + path + "' up to byte " + end + ": it has "
                            + content.length + " bytes");
                }
                Arrays.fill(content, (int) start, (int) end, (byte) 0);
            }
        }

        @Override
        public void sync() {
            if (closed.get()) {
                throw new PortException("destination '" + path + "' is closed");
            }
            syncs.incrementAndGet();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
