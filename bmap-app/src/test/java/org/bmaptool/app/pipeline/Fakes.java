package org.bmaptool.app.pipeline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.source.ImageSource;

/** In-memory fakes of the two ports the pipeline drives, and small helpers for its stages. */
public final class Fakes {
    static final int BLOCK = 512;
    /** Chunks of 4 blocks, 3 buffers; a sync every 8 blocks, the writer held at 16 unsynced. */
    static final Tuning SMALL = new Tuning(4 * BLOCK, 3, 2, 8 * BLOCK, 1_000_000_000L, 16 * BLOCK);

    private Fakes() {
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static Span span(byte[] image, long first, long last) {
        long start = first * BLOCK;
        long end = Math.min((last + 1) * BLOCK, image.length);
        var digest = ChecksumType.SHA256.newDigest();
        digest.update(image, (int) start, (int) (end - start));
        return new Span(first, last, start, end, Optional.of(HexDigest.of(digest.digest())));
    }

    /** A latch that keeps typed failures as they are. */
    static FailureLatch latch() {
        return new FailureLatch(failure -> failure);
    }

    /** An image held in memory, read by position, in short reads on purpose. */
    public static class MemoryImage implements ImageSource {
        protected final byte[] bytes;

        public MemoryImage(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String name() {
            return "memory.img";
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.of(bytes.length);
        }

        @Override
        public int read(ByteBuffer target, long position) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(target.remaining(), 700), bytes.length - position);
            target.put(bytes, (int) position, n);
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** A destination that keeps what it is given, where it was written, and the syncs. */
    public static class MemoryDestination implements Destination {
        public final byte[] bytes;
        public final List<Long> positions = new ArrayList<>();
        public int syncs;
        private final String name;

        MemoryDestination(int size) {
            this("memory", size);
        }

        public MemoryDestination(String name, int size) {
            this.name = name;
            this.bytes = new byte[size];
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public DestinationKind kind() {
            return DestinationKind.REGULAR_FILE;
        }

        @Override
        public synchronized void write(ByteBuffer data, long position) {
            positions.add(position);
            data.get(bytes, (int) position, data.remaining());
        }

        @Override
        public synchronized void zero(long start, long end) {
            java.util.Arrays.fill(bytes, (int) start, (int) end, (byte) 0);
        }

        @Override
        public synchronized void sync() {
            syncs++;
        }

        @Override
        public void close() {
        }
    }

    /** A chunk of {@code image} at {@code position} in a pool of its own, with {@code users} users. */
    static Chunk chunk(byte[] image, long position, int length, int users, boolean last) {
        BufferPool pool = new BufferPool(1, length);
        ByteBuffer buffer;
        try {
            buffer = pool.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        buffer.clear().limit(length);
        buffer.put(image, (int) position, length).flip();
        return new Chunk(position, buffer, pool, users, last);
    }
}
