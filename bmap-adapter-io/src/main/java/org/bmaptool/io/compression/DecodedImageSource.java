package org.bmaptool.io.compression;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.bmaptool.ports.PortException;
import org.bmaptool.io.compression.parallel.DecodedPieces;
import org.bmaptool.io.compression.parallel.DecoderFailures;
import org.bmaptool.io.forward.ForwardOnlySource;

/**
 * A decompressed image, decoded on a thread of its own into a small ring of buffers so
 * that decoding overlaps with the hashing and writing of the bytes already decoded; a
 * parallel decoder's pieces are passed on as they are, not copied. It is
 * sequential: positions never go back, and a jump forward reads and drops the bytes
 * between. A decoding failure reaches the reader as the {@link PortException} the
 * decoder thread made of it, at the position where the good bytes end.
 */
final class DecodedImageSource extends ForwardOnlySource {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 4;
    /** Pieces handed over by a {@link DecodedPieces} decoder ahead of the reader: 4 MiB of 256 KiB ones. */
    private static final int PIECES = 16;

    /** Bytes decoded ({@code bytes[start, end)}), or the end (end -1), or a failure. */
    private record Chunk(byte[] bytes, int start, int end, PortException failure) {
        static final Chunk END = new Chunk(null, 0, -1, null);
    }

    private final InputStream decoded;
    private final Closeable compressed;
    private final Function<Exception, PortException> failures;
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    /** The decoder itself when it hands over its own arrays, else null and the chunks are copies in a ring. */
    private final DecodedPieces pieces;
    private final Thread decoder;
    private volatile boolean closed;
    private Chunk current;
    private int currentStart;
    private boolean ended;

    /**
     * Starts decoding {@code decoded} at once.
     *
     * @param compressed what {@code decoded} reads from: closed to wake a decoder blocked on it
     * @param failures turns what the decoder threw into the message the user sees
     */
    DecodedImageSource(String name, OptionalLong size, InputStream decoded, Closeable compressed,
                       Function<Exception, PortException> failures) {
        super(name, size);
        this.decoded = decoded;
        this.compressed = compressed;
        this.failures = failures;
        this.pieces = decoded instanceof DecodedPieces ? (DecodedPieces) decoded : null;
        full = new ArrayBlockingQueue<>(pieces != null ? PIECES : CHUNKS + 2);
        for (int i = 0; pieces == null && i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        decoder = new Thread(this::decode, "decode " + name);
        decoder.setDaemon(true);
        decoder.start();
    }

    private void decode() {
        try (InputStream in = decoded) {
            while (pieces != null) {
                DecodedPieces.Slice slice = pieces.next();
                if (slice == null) {
                    full.put(Chunk.END);
                    return;
                }
                full.put(new Chunk(slice.bytes(), slice.offset(), slice.offset() + slice.length(), null));
            }
            while (true) {
                byte[] bytes = free.take();
                int n = in.readNBytes(bytes, 0, CHUNK);
                if (n > 0) {
                    full.put(new Chunk(bytes, 0, n, null));
                }
                if (n < CHUNK) {
                    full.put(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException | InterruptedIOException e) {
            // closed by the reader
        } catch (Throwable e) {
            // Every failure, errors too, must reach the reader: a decoder thread that died
            // silently would leave it waiting for ever. An xz header may ask for a 1.5 GiB
            // dictionary, more than the heap has.
            if (!closed) {
                full.offer(new Chunk(null, 0, -1, failures.apply(DecoderFailures.asException(e))));
            }
        }
    }

    @Override
    protected long skip(long count) throws IOException {
        if (!hasBytes()) {
            return -1;
        }
        int skipped = (int) Math.min(current.end() - currentStart, count);
        currentStart += skipped;
        return skipped;
    }

    @Override
    protected int readHere(ByteBuffer target) throws IOException {
        if (!target.hasRemaining()) {
            return 0;
        }
        if (!hasBytes()) {
            return -1;
        }
        int n = Math.min(current.end() - currentStart, target.remaining());
        target.put(current.bytes(), currentStart, n);
        currentStart += n;
        return n;
    }

    /** Whether decoded bytes are at hand, the next chunk taken when the current one is read through. */
    private boolean hasBytes() throws IOException {
        while (current == null || currentStart == current.end()) {
            if (!nextChunk()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Drops the rest of the decoded bytes up to the stream's real end, so the decoder's
     * checks at the end (trailer CRC and length, end marks, nothing after) reach the
     * reader; {@code imageEnd} does not matter, a compressed file has its own end.
     */
    @Override
    public OptionalLong readToEnd(long imageEnd) {
        // A jump to the farthest position drops every chunk still to come without copying it.
        read(ByteBuffer.allocate(1), Long.MAX_VALUE);
        return OptionalLong.of(position());
    }

    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        if (current != null) {
            if (pieces != null) {
                pieces.giveBack(current.bytes());
            } else {
                free.add(current.bytes());
            }
            current = null;
        }
        Chunk next;
        try {
            next = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding " + name());
        }
        if (next.failure() != null) {
            ended = true;
            throw next.failure();
        }
        if (next.end() < 0) {
            ended = true;
            return false;
        }
        current = next;
        currentStart = next.start();
        return true;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        decoder.interrupt();
        full.clear();
        try {
            // The decoder closes its streams itself: a native decoder must not be freed under it.
            decoder.join(1_000);
            if (decoder.isAlive()) {
                compressed.close(); // a read from a socket ignores interrupts
                decoder.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
