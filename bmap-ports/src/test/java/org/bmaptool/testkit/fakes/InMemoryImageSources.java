package org.bmaptool.testkit.fakes;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.ImageSources;
import org.bmaptool.ports.source.UnreadableFileException;

/**
 * Images and small files in memory, by the location as typed: seekable ones (as a raw
 * local file), and sequential ones (as a pipe or a decompressor) that skip forward by
 * reading and refuse to go back. A location nobody put is missing.
 */
public final class InMemoryImageSources implements ImageSources {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(byte[] content, boolean sequential, boolean sizeKnown) {
    }

    /** A seekable image (or small file) at {@code location}, of known size. */
    public InMemoryImageSources put(String location, byte[] content) {
        entries.put(location, new Entry(content.clone(), false, true));
        return this;
    }

    /** A sequential image at {@code location} whose size is not known before it is read (a pipe, a decoder). */
    public InMemoryImageSources putSequential(String location, byte[] content) {
        entries.put(location, new Entry(content.clone(), true, false));
        return this;
    }

    @Override
    public ImageSource open(Location location) {
        Entry entry = entries.get(location.text());
        if (entry == null) {
            throw new PortException("cannot open image file '" + location.masked() + "': no such file");
        }
        return entry.sequential() ? new Sequential(location.masked(), entry.content())
                : new Seekable(location.masked(), entry.content());
    }

    @Override
    public byte[] read(Location location) {
        Entry entry = entries.get(location.text());
        if (entry == null) {
            throw UnreadableFileException.missing(location.masked(), "no such file");
        }
        return entry.content().clone();
    }

    private static int copy(byte[] content, ByteBuffer target, long position) {
        if (position >= content.length) {
            return -1;
        }
        int n = (int) Math.min(target.remaining(), content.length - position);
        target.put(content, (int) position, n);
        return n;
    }

    private record Seekable(String name, byte[] content) implements ImageSource {
        @Override
        public OptionalLong size() {
            return OptionalLong.of(content.length);
        }

        @Override
        public int read(ByteBuffer target, long position) {
            return copy(content, target, position);
        }

        @Override
        public void close() {
        }
    }

    private static final class Sequential implements ImageSource {
        private final String name;
        private final byte[] content;
        /** The position just past the last byte read. */
        private long at;

        Sequential(String name, byte[] content) {
            this.name = name;
            this.content = content;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.empty();
        }

        @Override
        public int read(ByteBuffer target, long position) {
            if (position < at) {
                throw new PortException("cannot go back from byte " + at + " to " + position + " in " + name);
            }
            int n = copy(content, target, position);
            at = n < 0 ? content.length : position + n;
            return n;
        }

        @Override
        public OptionalLong readToEnd(long imageEnd) {
            at = content.length;
            return OptionalLong.of(content.length);
        }

        @Override
        public void close() {
        }
    }
}
