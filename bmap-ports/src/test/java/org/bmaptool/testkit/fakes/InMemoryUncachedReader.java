package org.bmaptool.testkit.fakes;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.source.ImageSource;

/**
 * Reads back "the medium" from memory: the files a test put, or whatever a lookup gives
 * (say {@link InMemoryDestinations#content}, to read back what a copy wrote).
 */
public final class InMemoryUncachedReader implements UncachedReader {
    private final Map<Path, byte[]> media = new ConcurrentHashMap<>();
    private final Function<Path, byte[]> fallback;

    /** Reads only what is {@link #put}. */
    public InMemoryUncachedReader() {
        this(path -> null);
    }

    /** Reads what is {@link #put}, else what {@code medium} gives for a path (null: no such file). */
    public InMemoryUncachedReader(Function<Path, byte[]> medium) {
        this.fallback = medium;
    }

    public InMemoryUncachedReader put(Path path, byte[] content) {
        media.put(path, content.clone());
        return this;
    }

    @Override
    public ImageSource open(Path path) {
        byte[] put = media.get(path);
        byte[] content = put != null ? put : fallback.apply(path);
        if (content == null) {
            throw new PortException("cannot read back '" + path + "': no such file or device");
        }
        byte[] snapshot = content.clone();
        return new ImageSource() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.of(snapshot.length);
            }

            @Override
            public int read(ByteBuffer target, long position) {
                if (position >= snapshot.length) {
                    return -1;
                }
                int n = (int) Math.min(target.remaining(), snapshot.length - position);
                target.put(snapshot, (int) position, n);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
