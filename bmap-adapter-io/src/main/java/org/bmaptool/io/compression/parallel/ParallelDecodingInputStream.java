package org.bmaptool.io.compression.parallel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmaptool.io.compression.bytes.ByteStreams;
import org.bmaptool.io.compression.bytes.CountingInputStream;
import org.bmaptool.io.compression.nativelib.decoder.NativeDecodingInputStream;

/**
 * The decoded bytes of a file whose units (pbzip2's streams, {@code xz -T}'s blocks)
 * decode independently: a small pool decodes a few units at once while the reader takes
 * the bytes strictly in order. Memory stays bounded: a few units are in flight, each
 * unit's decoded bytes are held up to a limit, and a unit too large to hold sends the
 * rest of the file to a sequential decoder, as does a cut that turns out not to be a
 * unit's end, or, when the format can, is streamed: decoded in turn on the reader's
 * thread, its bytes read from the file as they are decoded; the units after it are cut
 * once it has been read through. A unit that fails to decode fails the read where its good bytes end, with
 * the compressed offset, as a {@link UnitDecodingException}.
 */
public final class ParallelDecodingInputStream extends InputStream implements DecodedPieces {
    /** Decoded bytes move in pieces of this size. */
    private static final int PIECE = 1 << 18;
    /** How many pieces one unit may hold ahead of the reader: 32 MiB. */
    private static final int MAX_PIECES = 128;
    /** Bzip2 streams of unknown decoded size: 2 MiB ahead (pbzip2 -9 streams decode to 900 kB). */
    private static final int DEFAULT_PIECES = 8;
    /** No more units are read while this many compressed bytes are in flight. */
    private static final long COMPRESSED_IN_FLIGHT = 128L << 20;
    /** Beyond one unit per worker, no more are cut while their decoded bytes may take this much. */
    private static final long HELD_IN_FLIGHT = 16L << 20;
    /**
     * Arrays of read pieces kept for the workers' next pieces: 32 MiB. Without them every
     * piece was a new array, and the garbage collector's copying of pieces in flight, the
     * heap growing and shrinking, and the kernel's zeroing of its fresh pages cost 40 s
     * of CPU on a 4 GiB .bz2 image that decodes in 87 s.
     */
    private static final int SPARES = 128;
    /** Threads that decode: all cores but the reader's, and at least two. */
    static final int WORKERS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() - 1));

    /** Decoded bytes of a unit, its end (length -1), or its failure after {@code consumed} of its bytes. */
    private record Piece(byte[] bytes, int length, Throwable failure, long consumed) {
        static final Piece END = new Piece(null, -1, null, 0);
    }

    /** A unit in flight: its decoded pieces, and how many decoded bytes the reader has taken. */
    private static final class Pending {
        final CompressedUnit unit;
        final BlockingQueue<Piece> pieces;
        final long held;
        Future<?> task;
        long taken;

        Pending(CompressedUnit unit) {
            this.unit = unit;
            int pieces = unit.decodedSize() < 0 ? DEFAULT_PIECES
                    : (int) Math.min(MAX_PIECES, unit.decodedSize() / PIECE + 1);
            this.pieces = new LinkedBlockingQueue<>(pieces + 1);
            this.held = (long) pieces * PIECE;
        }
    }

    /** The sequential decoder of the rest of the file, and decoded bytes to drop before the first it gives. */
    private static final class Rest {
        final InputStream decoded;
        final CountingInputStream compressed;
        final long offset;
        long skip;

        Rest(InputStream decoded, CountingInputStream compressed, long offset, long skip) {
            this.decoded = decoded;
            this.compressed = compressed;
            this.offset = offset;
            this.skip = skip;
        }
    }

    private final CompressedUnits units;
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final BlockingQueue<byte[]> spares = new LinkedBlockingQueue<>(SPARES);
    private long compressedInFlight;
    /** The most decoded bytes the units in flight may hold. */
    private long heldInFlight;
    private boolean cutEnded;
    private Rest rest;
    /** The decoder of the streamed unit at the head, or null. */
    private InputStream streamed;
    /** Whether the cutting waits for a streamed unit to be read through. */
    private boolean cutWaits;
    private Piece piece;
    private int pieceStart;
    private volatile boolean closed;

    public ParallelDecodingInputStream(CompressedUnits units) {
        this.units = units;
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(WORKERS, WORKERS, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, units.formatName() + " decoder " + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Idle workers end by themselves, also when the stream is dropped without a close.
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public int read() throws IOException {
        return ByteStreams.readOne(this);
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (piece != null && pieceStart < piece.length()) {
                int n = Math.min(length, piece.length() - pieceStart);
                System.arraycopy(piece.bytes(), pieceStart, target, offset, n);
                pieceStart += n;
                pending.getFirst().taken += n;
                return n;
            }
            if (rest != null) {
                return readRest(target, offset, length);
            }
            if (streamed != null) {
                int n = readStreamed(target, offset, length);
                if (n >= 0) {
                    return n;
                }
                endStreamed();
                continue;
            }
            if (!advance()) {
                return -1;
            }
        }
    }

    /**
     * The next decoded bytes in an array of their own: the worker's piece itself, handed
     * over without a copy; bytes decoded on this thread (a rest, a streamed unit) are read
     * into a spare array.
     */
    @Override
    public Slice next() throws IOException {
        while (true) {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (piece != null && pieceStart < piece.length()) {
                Slice slice = new Slice(piece.bytes(), pieceStart, piece.length() - pieceStart);
                pending.getFirst().taken += slice.length();
                piece = null; // the reader owns the array now
                return slice;
            }
            if (rest != null || streamed != null) {
                byte[] bytes = spareOrNew();
                int n = 0;
                while (n < PIECE) {
                    int read = read(bytes, n, PIECE - n);
                    if (read < 0) {
                        break;
                    }
                    n += read;
                }
                if (n == 0) {
                    giveBack(bytes);
                    return null;
                }
                return new Slice(bytes, 0, n);
            }
            if (!advance()) {
                return null;
            }
        }
    }

    @Override
    public void giveBack(byte[] bytes) {
        if (bytes.length == PIECE) {
            spares.offer(bytes);
        }
    }

    private byte[] spareOrNew() {
        byte[] spare = spares.poll();
        return spare != null ? spare : new byte[PIECE];
    }

    /**
     * Moves on in the units: to the head unit's next piece, past its end, or to the
     * decoding of a streamed unit or of the rest on this thread. False at the end.
     */
    private boolean advance() throws IOException {
        topUp();
        Pending head = pending.peekFirst();
        if (head == null) {
            return false;
        }
        if (head.unit.streamed()) {
            streamed = openStreamed(head.unit);
            return true;
        }
        if (head.unit.rest()) {
            pending.clear();
            rest = rest(compressed(List.of(head)), head.unit.offset(), 0);
            return true;
        }
        Piece next = take(head);
        if (next.failure() != null) {
            failed(head, next);
        } else if (next.length() < 0) {
            pending.removeFirst();
            compressedInFlight -= head.unit.length();
            heldInFlight -= head.held;
            recyclePiece();
            units.reuse(head.unit);
        } else {
            recyclePiece();
            piece = next;
            pieceStart = 0;
        }
        return true;
    }

    /** The read piece's array goes back to the workers. */
    private void recyclePiece() {
        if (piece != null && piece.bytes() != null) {
            giveBack(piece.bytes());
        }
        piece = null;
    }

    /**
     * Starts decoding units until enough are in flight: one for each worker and two more
     * at least, so that a worker that finishes while the reader is still on the head unit
     * goes on with another rather than waiting (for xz -T blocks of 24 MiB, 6% of the wall
     * time of a copy); twice as many while they are small (pbzip2's).
     */
    private void topUp() {
        while (!cutEnded && !cutWaits && (pending.size() <= WORKERS + 1
                || pending.size() <= 2 * WORKERS && heldInFlight < HELD_IN_FLIGHT)
                && compressedInFlight < COMPRESSED_IN_FLIGHT) {
            cutNext();
        }
    }

    /** Cuts the next unit and starts its decoding; a broken structure becomes a failed unit, met in turn. */
    private void cutNext() {
        CompressedUnit unit;
        try {
            unit = units.next();
        } catch (IOException | RuntimeException e) {
            cutEnded = true;
            Exception failure = e instanceof UnitDecodingException ? e : new UnitDecodingException(units.position(), e);
            Pending failed = new Pending(CompressedUnit.held(new byte[0], 0, 0, 0, 0, 0));
            failed.pieces.add(new Piece(null, -1, failure, 0));
            pending.add(failed);
            return;
        }
        if (unit == null) {
            cutEnded = true;
            return;
        }
        Pending added = new Pending(unit);
        pending.add(added);
        compressedInFlight += unit.length();
        heldInFlight += added.held;
        if (unit.rest()) {
            cutEnded = true;
        } else if (unit.streamed()) {
            cutWaits = true; // the file is read on only as it is decoded
        } else {
            added.task = pool.submit(() -> decode(added));
        }
    }

    /** On a worker: decodes one unit into its pieces. */
    private void decode(Pending pending) {
        UnitBytes compressed = new UnitBytes(pending.unit.bytes(), pending.unit.length());
        InputStream decoder = null;
        try (InputStream decoded = units.unitDecoder(compressed)) {
            decoder = decoded;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                byte[] bytes = spareOrNew();
                int n = decoded.readNBytes(bytes, 0, PIECE);
                if (n > 0) {
                    pending.pieces.put(new Piece(bytes, n, null, 0));
                } else {
                    giveBack(bytes);
                }
                if (n < PIECE) {
                    pending.pieces.put(Piece.END);
                    return;
                }
            }
        } catch (InterruptedException | InterruptedIOException e) {
            // cancelled: the reader is gone or has turned to a sequential decoder
        } catch (Throwable e) {
            try {
                pending.pieces.put(new Piece(null, -1, e, consumed(decoder, compressed.count())));
            } catch (InterruptedException cancelled) {
                // nobody will read it
            }
        }
    }

    /** How many compressed bytes {@code decoder} used: exact when it says, else what it read. */
    private static long consumed(InputStream decoder, long read) {
        return decoder instanceof NativeDecodingInputStream ? ((NativeDecodingInputStream) decoder).consumed() : read;
    }

    private Piece take(Pending head) throws InterruptedIOException {
        try {
            return head.pieces.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding");
        }
    }

    /**
     * The head unit failed. Broken off at its very end, with more after it, it was cut
     * where no stream ends (the magic number occurred inside compressed data): decode
     * from its start sequentially, dropping the bytes already taken. Else the file is
     * broken there.
     */
    private void failed(Pending head, Piece failure) throws IOException {
        CompressedUnit unit = head.unit;
        boolean atEnd = failure.consumed() >= unit.length() && unit.length() > 0;
        if (atEnd && units.cutsMayBeWrong()) {
            if (pending.size() == 1 && !cutEnded) {
                cutNext();
            }
            boolean followed = pending.size() > 1 && pending.getLast().unit.length() > 0;
            if (followed) {
                List<Pending> from = new ArrayList<>(pending);
                cancelAll();
                rest = rest(compressed(from), unit.offset(), head.taken);
                piece = null;
                return;
            }
        }
        long at = unit.offset() + Math.max(0, Math.min(unit.fileBytes(), failure.consumed() - unit.prefix()));
        Exception cause = DecoderFailures.asException(failure.failure());
        throw cause instanceof UnitDecodingException ? (UnitDecodingException) cause : new UnitDecodingException(at, cause);
    }

    /** The compressed bytes of {@code from} (the file's own bytes of every unit) and all that follows them. */
    private InputStream compressed(List<Pending> from) {
        List<InputStream> parts = new ArrayList<>();
        for (Pending each : from) {
            CompressedUnit unit = each.unit;
            parts.add(new ByteArrayInputStream(unit.bytes(), unit.prefix(), unit.fileBytes()));
        }
        parts.add(units.remainder());
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private Rest rest(InputStream compressed, long offset, long skip) throws IOException {
        CountingInputStream counted = new CountingInputStream(compressed);
        try {
            return new Rest(units.restDecoder(counted), counted, offset, skip);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnitDecodingException(offset + counted.count(), e);
        }
    }

    private int readRest(byte[] target, int offset, int length) throws IOException {
        try {
            while (rest.skip > 0) {
                int n = rest.decoded.read(target, offset, (int) Math.min(length, rest.skip));
                if (n < 0) {
                    throw new IOException("the stream decodes shorter sequentially than in parallel");
                }
                rest.skip -= n;
            }
            return rest.decoded.read(target, offset, length);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnitDecodingException(rest.offset + consumed(rest.decoded, rest.compressed.count()), e);
        }
    }

    private InputStream openStreamed(CompressedUnit unit) throws IOException {
        try {
            return units.unitDecoder(units.streamed(unit));
        } catch (IOException | RuntimeException e) {
            throw streamedFailure(e);
        }
    }

    private int readStreamed(byte[] target, int offset, int length) throws IOException {
        try {
            return streamed.read(target, offset, length);
        } catch (IOException | RuntimeException e) {
            throw streamedFailure(e);
        }
    }

    /** The streamed unit at the head was decoded and checked: the cutting goes on after it. */
    private void endStreamed() throws IOException {
        Pending head = pending.removeFirst();
        compressedInFlight -= head.unit.length();
        heldInFlight -= head.held;
        InputStream decoder = streamed;
        streamed = null;
        cutWaits = false;
        decoder.close();
    }

    /** A failure of the streamed unit, at the file offset read up to: it is read as it is decoded. */
    private IOException streamedFailure(Exception e) {
        if (e instanceof InterruptedIOException || e instanceof UnitDecodingException) {
            return (IOException) e;
        }
        return new UnitDecodingException(units.position(), e);
    }

    private void cancelAll() {
        for (Pending each : pending) {
            if (each.task != null) {
                each.task.cancel(true);
            }
        }
        pending.clear();
        compressedInFlight = 0;
        heldInFlight = 0;
        cutEnded = true;
    }

    /** Stops the workers and waits for them to end, so that none outlives the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        cancelAll();
        pool.shutdownNow();
        // Closed by an interrupted reader too: wait all the same, then pass the interrupt on.
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (rest != null) {
                rest.decoded.close();
            }
            if (streamed != null) {
                streamed.close();
            }
        } finally {
            units.close();
        }
    }

    /**
     * A unit's compressed bytes, counting how many the decoder has taken. Not a
     * {@link ByteArrayInputStream}: its reads take a lock, and the bzip2 decoder reads one
     * byte at a time.
     */
    private static final class UnitBytes extends InputStream {
        private final byte[] bytes;
        private final int length;
        private int position;

        UnitBytes(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        long count() {
            return position;
        }

        @Override
        public int read() {
            return position < length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int count) {
            if (count == 0) {
                return 0;
            }
            if (position == length) {
                return -1;
            }
            int n = Math.min(count, length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return length - position;
        }
    }
}
