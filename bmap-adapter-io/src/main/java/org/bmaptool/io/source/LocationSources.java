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
import org.bmaptool.io.compression.CompressedImages;
import org.bmaptool.io.forward.ForwardOnlySource;
import org.bmaptool.io.remote.RemoteSources;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.ImageSources;
import org.bmaptool.ports.source.UnreadableFileException;

/**
 * Opens images by the location the user typed: a local path, {@code -} or a URL. A path
 * with a compression or archive extension is decoded on the fly ({@link CompressedImages}).
 */
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
    public ImageSource open(Location location) {
        Optional<String> localPath = RemoteSources.localPath(location);
        if (location.isUrl() && localPath.isEmpty()) {
            ImageSource fetched = remote.open(location);
            Optional<ImageSource> decoded = CompressedImages.openByName(location, location.masked(),
                    new SourceStream(fetched));
            return decoded.isPresent() ? decoded.get() : fetched;
        }
        if (location.isStandardInput()) {
            return new SequentialSource("standard input", Channels.newChannel(System.in), OptionalLong.empty(),
                    !Files.isRegularFile(Path.of("/dev/stdin")));
        }
        String name = localPath.orElse(location.path());
        Path path = Path.of(name);
        try {
            FileChannel channel = FileChannel.open(path);
            Optional<ImageSource> decoded = CompressedImages.openByName(name, Channels.newInputStream(channel));
            return decoded.isPresent() ? decoded.get() : new FileSource(name, channel, channel.size());
        } catch (NoSuchFileException e) {
            throw new PortException("cannot open image file '" + name + "': no such file");
        } catch (IOException e) {
            throw new PortException("cannot open image file '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(Location location) {
        Optional<String> localPath = RemoteSources.localPath(location);
        if (location.isUrl() && localPath.isEmpty()) {
            return remote.read(location);
        }
        // A bmap or signature named "-" is a file of that name, as it always was.
        String name = localPath.orElse(location.path());
        try (InputStream in = Files.newInputStream(Path.of(name))) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw UnreadableFileException.missing(name, "no such file");
        } catch (IOException e) {
            throw UnreadableFileException.failed(name, e.getMessage(), e);
        }
    }

    /** A source read front to back as a stream, for decoding a compressed remote image. */
    private static final class SourceStream extends InputStream {
        private final ImageSource source;
        private long position;

        SourceStream(ImageSource source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int n;
            try {
                n = source.read(ByteBuffer.wrap(buffer, offset, length), position);
            } catch (PortException e) {
                // A decoder reads this stream: it is told the read error as the stream's own.
                if (e.subject().isPresent() && e.getCause() instanceof IOException) {
                    throw (IOException) e.getCause();
                }
                throw e;
            }
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** A raw local file: positioned reads skip the holes without reading them. */
    private record FileSource(String name, FileChannel channel, long length) implements ImageSource {
        @Override
        public OptionalLong size() {
            return OptionalLong.of(length);
        }

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

    /**
     * A stream read front to back; a jump forward reads and drops the bytes between. When
     * it is a pipe, {@link #readToEnd} reads it up to the image's end, so the program
     * writing it ({@code xzcat image.xz | bmaptool copy - ...}) gets to its own end and
     * checks, instead of dying of a broken pipe after the last mapped block.
     */
    static final class SequentialSource extends ForwardOnlySource {
        private final ReadableByteChannel channel;
        private final boolean pipe;
        private final ByteBuffer skipBuffer = ByteBuffer.allocate(1 << 16);

        SequentialSource(String name, ReadableByteChannel channel, OptionalLong size, boolean pipe) {
            super(name, size);
            this.channel = channel;
            this.pipe = pipe;
        }

        @Override
        public OptionalLong readToEnd(long imageEnd) {
            if (!pipe || imageEnd <= position()) {
                return OptionalLong.empty();
            }
            // Up to the image's end and no further: a stream that never ends must not hold the copy.
            return read(ByteBuffer.allocate(0), imageEnd) < 0 ? OptionalLong.of(position()) : OptionalLong.empty();
        }

        @Override
        protected long skip(long count) throws IOException {
            skipBuffer.clear().limit((int) Math.min(skipBuffer.capacity(), count));
            return channel.read(skipBuffer);
        }

        @Override
        protected int readHere(ByteBuffer target) throws IOException {
            return channel.read(target);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
