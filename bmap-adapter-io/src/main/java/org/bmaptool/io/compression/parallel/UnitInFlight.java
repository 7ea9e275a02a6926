package org.bmaptool.io.compression.parallel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.bmaptool.io.compression.nativelib.decoder.NativeDecodingInputStream;

/**
 * A unit cut and not yet read through: the queue of its decoded pieces (bounded, so a
 * worker holds no more than a few MiB ahead of the reader), the worker's task, and how
 * many decoded bytes the reader has taken.
 */
final class UnitInFlight {
    /** How many pieces one unit may hold ahead of the reader: 32 MiB. */
    private static final int MAX_PIECES = 128;
    /** Bzip2 streams of unknown decoded size: 2 MiB ahead (pbzip2 -9 streams decode to 900 kB). */
    private static final int DEFAULT_PIECES = 8;

    /** Decoded bytes of a unit, its end (length -1), or its failure after {@code consumed} of its bytes. */
    record Piece(byte[] bytes, int length, Throwable failure, long consumed) {
        static final Piece END = new Piece(null, -1, null, 0);
    }

    final CompressedUnit unit;
    final BlockingQueue<Piece> pieces;
    /** The most decoded bytes its queue may hold. */
    final long held;
    Future<?> task;
    long taken;

    UnitInFlight(CompressedUnit unit) {
        this.unit = unit;
        int pieces = unit.decodedSize() < 0 ? DEFAULT_PIECES
                : (int) Math.min(MAX_PIECES, unit.decodedSize() / PieceArrays.PIECE + 1);
        this.pieces = new LinkedBlockingQueue<>(pieces + 1);
        this.held = (long) pieces * PieceArrays.PIECE;
    }

    /** A unit that could not be cut: its one piece is the failure, met when the reader reaches it. */
    static UnitInFlight failed(Exception failure) {
        UnitInFlight failed = new UnitInFlight(CompressedUnit.held(new byte[0], 0, 0, 0, 0, 0));
        failed.pieces.add(new Piece(null, -1, failure, 0));
        return failed;
    }

    /** On a worker: decodes the unit into its pieces, in arrays from {@code arrays}. */
    void decode(CompressedUnits units, PieceArrays arrays) {
        UnitBytes compressed = new UnitBytes(unit.bytes(), unit.length());
        InputStream decoder = null;
        try (InputStream decoded = units.unitDecoder(compressed)) {
            decoder = decoded;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                byte[] bytes = arrays.spareOrNew();
                int n = decoded.readNBytes(bytes, 0, PieceArrays.PIECE);
                if (n > 0) {
                    pieces.put(new Piece(bytes, n, null, 0));
                } else {
                    arrays.giveBack(bytes);
                }
                if (n < PieceArrays.PIECE) {
                    pieces.put(Piece.END);
                    return;
                }
            }
        } catch (InterruptedException | InterruptedIOException e) {
            // cancelled: the reader is gone or has turned to a sequential decoder
        } catch (Throwable e) {
            try {
                pieces.put(new Piece(null, -1, e, consumed(decoder, compressed.count())));
            } catch (InterruptedException cancelled) {
                // nobody will read it
            }
        }
    }

    /** The reader's next piece of the unit, waiting for the worker. */
    Piece take() throws InterruptedIOException {
        try {
            return pieces.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding");
        }
    }

    /** How many compressed bytes {@code decoder} used: exact when it says, else what it read. */
    static long consumed(InputStream decoder, long read) {
        return decoder instanceof NativeDecodingInputStream ? ((NativeDecodingInputStream) decoder).consumed() : read;
    }
}
