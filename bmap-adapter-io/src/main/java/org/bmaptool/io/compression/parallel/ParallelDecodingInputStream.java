package org.bmaptool.io.compression.parallel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bmaptool.io.compression.bytes.ByteStreams;
import org.bmaptool.io.compression.parallel.UnitInFlight.Piece;

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
    private static final int PIECE = PieceArrays.PIECE;

    private final CompressedUnits units;
    private final PieceArrays arrays = new PieceArrays();
    private final InFlightUnits inFlight;
    private SequentialRest rest;
    /** The decoder of the streamed unit at the head, or null. */
    private InputStream streamed;
    private Piece piece;
    private int pieceStart;
    private volatile boolean closed;

    public ParallelDecodingInputStream(CompressedUnits units) {
        this.units = units;
        this.inFlight = new InFlightUnits(units, arrays);
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
                inFlight.current().taken += n;
                return n;
            }
            if (rest != null) {
                return rest.read(target, offset, length);
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
                inFlight.current().taken += slice.length();
                piece = null; // the reader owns the array now
                return slice;
            }
            if (rest != null || streamed != null) {
                byte[] bytes = arrays.spareOrNew();
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
        arrays.giveBack(bytes);
    }

    /**
     * Moves on in the units: to the head unit's next piece, past its end, or to the
     * decoding of a streamed unit or of the rest on this thread. False at the end.
     */
    private boolean advance() throws IOException {
        UnitInFlight head = inFlight.head();
        if (head == null) {
            return false;
        }
        if (head.unit.kind() == CompressedUnit.Kind.STREAMED) {
            streamed = openStreamed(head.unit);
            return true;
        }
        if (head.unit.kind() == CompressedUnit.Kind.REST) {
            inFlight.clearForRest();
            rest = SequentialRest.open(units, compressed(List.of(head)), head.unit.offset(), 0);
            return true;
        }
        Piece next = head.take();
        if (next.failure() != null) {
            failed(head, next);
        } else if (next.length() < 0) {
            inFlight.removeHead();
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
     * The head unit failed. Broken off at its very end, with more after it, it was cut
     * where no stream ends (the magic number occurred inside compressed data): decode
     * from its start sequentially, dropping the bytes already taken. Else the file is
     * broken there.
     */
    private void failed(UnitInFlight head, Piece failure) throws IOException {
        CompressedUnit unit = head.unit;
        boolean atEnd = failure.consumed() >= unit.length() && unit.length() > 0;
        if (atEnd && units.cutsMayBeWrong()) {
            List<UnitInFlight> from = inFlight.cancelIfFollowed();
            if (from != null) {
                rest = SequentialRest.open(units, compressed(from), unit.offset(), head.taken);
                piece = null;
                return;
            }
        }
        long at = unit.offset() + Math.max(0, Math.min(unit.fileBytes(), failure.consumed() - unit.prefix()));
        Exception cause = DecoderFailures.asException(failure.failure());
        throw cause instanceof UnitDecodingException ? (UnitDecodingException) cause : new UnitDecodingException(at, cause);
    }

    /** The compressed bytes of {@code from} (the file's own bytes of every unit) and all that follows them. */
    private InputStream compressed(List<UnitInFlight> from) {
        List<InputStream> parts = new ArrayList<>();
        for (UnitInFlight each : from) {
            CompressedUnit unit = each.unit;
            parts.add(new ByteArrayInputStream(unit.bytes(), unit.prefix(), unit.fileBytes()));
        }
        parts.add(units.remainder());
        return new SequenceInputStream(Collections.enumeration(parts));
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
        inFlight.removeStreamedHead();
        InputStream decoder = streamed;
        streamed = null;
        decoder.close();
    }

    /** A failure of the streamed unit, at the file offset read up to: it is read as it is decoded. */
    private IOException streamedFailure(Exception e) {
        if (e instanceof InterruptedIOException || e instanceof UnitDecodingException) {
            return (IOException) e;
        }
        return new UnitDecodingException(units.position(), e);
    }

    /** Stops the workers and waits for them to end, so that none outlives the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        inFlight.close();
        try {
            if (rest != null) {
                rest.close();
            }
            if (streamed != null) {
                streamed.close();
            }
        } finally {
            units.close();
        }
    }
}
