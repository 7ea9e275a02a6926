package org.bmaptool.io.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.bmaptool.io.remote.RemoteSources;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.ImageSources;

/** Opens images by the location the user typed: a local path, {@code -} or a URL. */
public final class LocationSources implements ImageSources {
    private final ImageSources remote;

    public LocationSources() {
        this(RemoteSources.ofSystem());
    }

    /** With the reader of {@code http}, {@code https}, {@code ftp} and {@code ssh} URLs. */
    public LocationSources(ImageSources remote) {
        this.remote = remote;
    }

    @Override
    public ImageSource open(String typed) {
        if (RemoteSources.isUrl(typed) && RemoteSources.localPath(typed).isEmpty()) {
            return remote.open(typed);
        }
        String location = RemoteSources.localPath(typed).orElse(typed);
        if ("-".equals(location)) {
            return new SequentialSource("standard input", Channels.newChannel(System.in), OptionalLong.empty());
        }
        Path path = Path.of(location);
        try {
            FileChannel channel = FileChannel.open(path);
            return new FileSource(location, channel, channel.size());
        } catch (NoSuchFileException e) {
            throw new PortException("cannot open image file '" + location + "': no such file");
        } catch (IOException e) {
            throw new PortException("cannot open image file '" + location + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> readIfExists(String typed) {
        if (RemoteSources.isUrl(typed) && RemoteSources.localPath(typed).isEmpty()) {
            return remote.readIfExists(typed);
        }
        String location = RemoteSources.localPath(typed).orElse(typed);
        Path path = Path.of(location);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new PortException("cannot read '" + location + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String displayName(String location) {
        return RemoteSources.isUrl(location) ? RemoteSources.mask(location) : location;
    }

    /** A raw local file: positioned reads skip the holes without reading them. */
    private record FileSource(String name, FileChannel channel, long length) implements ImageSource {
        @Override
        public OptionalLong size() {
            return OptionalLong.of(length);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return channel.read(target, position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A stream read front to back; a jump forward reads and drops the bytes between. */
    static final class SequentialSource implements ImageSource {
        private final String name;
        private final ReadableByteChannel channel;
        private final OptionalLong size;
        private final ByteBuffer skipBuffer = ByteBuffer.allocate(1 << 16);
        private long position;

        SequentialSource(String name, ReadableByteChannel channel, OptionalLong size) {
            this.name = name;
            this.channel = channel;
            this.size = size;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public OptionalLong size() {
            return size;
        }

        @Override
        public int read(ByteBuffer target, long at) throws IOException {
            if (at < position) {
                throw new IOException("cannot go back from byte " + position + " to " + at + " in " + name);
            }
            while (position < at) {
                skipBuffer.clear().limit((int) Math.min(skipBuffer.capacity(), at - position));
                int n = channel.read(skipBuffer);
                if (n < 0) {
                    return -1;
                }
                position += n;
            }
            int n = channel.read(target);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
