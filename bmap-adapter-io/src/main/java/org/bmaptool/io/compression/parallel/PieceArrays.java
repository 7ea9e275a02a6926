package org.bmaptool.io.compression.parallel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The arrays decoded bytes move in, one piece each, kept once read for the workers' next
 * pieces: up to 32 MiB of them. Without them every piece was a new array, and the garbage
 * collector's copying of pieces in flight, the heap growing and shrinking, and the
 * kernel's zeroing of its fresh pages cost 40 s of CPU on a 4 GiB .bz2 image that decodes
 * in 87 s.
 */
final class PieceArrays {
    /** Decoded bytes move in pieces of this size. */
    static final int PIECE = 1 << 18;
    private static final int SPARES = 128;

    private final BlockingQueue<byte[]> spares = new LinkedBlockingQueue<>(SPARES);

    /** A read piece's array, or a new one. */
    byte[] spareOrNew() {
        byte[] spare = spares.poll();
        return spare != null ? spare : new byte[PIECE];
    }

    /** Keeps the array of a piece that has been read, when there is room. */
    void giveBack(byte[] bytes) {
        if (bytes.length == PIECE) {
            spares.offer(bytes);
        }
    }
}
