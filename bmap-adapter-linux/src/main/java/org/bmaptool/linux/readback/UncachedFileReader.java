package org.bmaptool.linux.readback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.bmaptool.linux.kernel.Kernel;
import org.bmaptool.linux.kernel.PageCache;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.source.ImageSource;

/**
 * Reads a file or block device after dropping its pages from the page cache. The kernel
 * binding is asked for on the first open, so that a command that reads nothing back
 * does not load it.
 */
public final class UncachedFileReader implements UncachedReader {
    private final Supplier<Kernel> kernel;

    public UncachedFileReader(Supplier<Kernel> kernel) {
        this.kernel = kernel;
    }

    @Override
    public ImageSource open(Path path) {
        String failure = new PageCache(kernel.get()).drop(path);
        if (failure != null) {
            throw new PortException("cannot read back '" + path + "': " + failure);
        }
        try {
            FileChannel channel = FileChannel.open(path);
            // size() is 0 for a block device; its end is found by reading.
            long size = channel.size();
            return new MediumSource(path.toString(), channel, size > 0 ? OptionalLong.of(size) : OptionalLong.empty());
        } catch (NoSuchFileException e) {
            throw new PortException("cannot read back '" + path + "': no such file or device");
        } catch (IOException e) {
            throw new PortException("cannot read back '" + path + "': " + e.getMessage(), e);
        }
    }

    private record MediumSource(String name, FileChannel channel, OptionalLong size) implements ImageSource {
        @Override
        public int read(ByteBuffer target, long position) {
            try {
                return channel.read(target, position);
            } catch (IOException e) {
                throw PortException.of(name, e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
