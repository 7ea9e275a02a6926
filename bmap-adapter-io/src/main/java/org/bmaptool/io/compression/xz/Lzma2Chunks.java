package org.bmaptool.io.compression.xz;

import org.tukaani.xz.CorruptedInputException;

/**
 * The LZMA2 chunks of a block as its bytes pass, counted from their headers alone: each
 * header (a control byte, sizes, properties) says how many data bytes follow it and how
 * many bytes they decode to, and a zero control byte ends the data. The data itself is
 * not looked at.
 */
final class Lzma2Chunks {
    private final byte[] header = new byte[6];
    private int headerRead;
    private long chunkLeft;
    private long decoded;
    private boolean ended;

    /** Data bytes of the current chunk yet to pass; 0 when a chunk header comes next. */
    long chunkLeft() {
        return chunkLeft;
    }

    /** {@code n} data bytes of the current chunk have passed. */
    void passed(int n) {
        chunkLeft -= n;
    }

    /** Decoded bytes of the chunks whose headers have passed. */
    long decoded() {
        return decoded;
    }

    /** Whether the end marker has passed. */
    boolean ended() {
        return ended;
    }

    /** Takes in one byte of a chunk header: control, sizes, properties. */
    void headerByte(int b) throws CorruptedInputException {
        header[headerRead++] = (byte) b;
        int control = header[0] & 0xff;
        if (control == 0) {
            ended = true; // the end marker
            return;
        }
        if (control > 2 && control < 0x80) {
            throw new CorruptedInputException();
        }
        int length = control < 0x80 ? 3 : control >= 0xc0 ? 6 : 5;
        if (headerRead < length) {
            return;
        }
        int first = (header[1] & 0xff) << 8 | header[2] & 0xff;
        if (control < 0x80) {
            chunkLeft = first + 1; // stored, not compressed
            decoded += first + 1;
        } else {
            chunkLeft = ((header[3] & 0xff) << 8 | header[4] & 0xff) + 1;
            decoded += ((control & 0x1f) << 16 | first) + 1;
        }
        headerRead = 0;
    }
}
