package org.bmaptool.linux.destination;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.Destinations;

/** Opens regular-file destinations, sized to the image so unmapped blocks stay holes. */
public final class LinuxDestinations implements Destinations {

    @Override
    public Destination open(DestinationRequest request) {
        Path path = request.path();
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new PortException("cannot open destination '" + path + "': directory '" + parent
                    + "' does not exist");
        }
        try {
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
            // Truncating to zero first drops old data, so unmapped blocks become holes.
            file.setLength(0);
            file.setLength(request.imageSize());
            return new FileDestination(path.toString(), file.getChannel());
        } catch (IOException e) {
            throw new PortException("cannot open destination '" + path + "': " + e.getMessage(), e);
        }
    }

    private record FileDestination(String name, FileChannel channel) implements Destination {
        @Override
        public DestinationKind kind() {
            return DestinationKind.REGULAR_FILE;
        }

        @Override
        public void write(ByteBuffer data, long position) throws IOException {
            long at = position;
            while (data.hasRemaining()) {
                at += channel.write(data, at);
            }
        }

        @Override
        public void sync() throws IOException {
            channel.force(true);
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new PortException("cannot close destination '" + name + "': " + e.getMessage(), e);
            }
        }
    }
}
