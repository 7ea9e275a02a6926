package org.bmaptool.io.compression.parallel;

import java.io.IOException;

/**
 * A decoder that hands its decoded bytes over in arrays of its own rather than copying
 * them into the reader's, and takes each array back once it has been read: the parallel
 * decoders' workers already hold every decoded byte in such an array, and copying 4 GiB
 * once more costs a core-second and a half.
 */
public interface DecodedPieces {

    /** {@code bytes[offset, offset + length)} are the next decoded bytes. */
    record Slice(byte[] bytes, int offset, int length) {
    }

    /** The next decoded bytes, never empty, or null at the end; the array is the reader's until given back. */
    Slice next() throws IOException;

    /** Returns an array of a slice that has been read, for decoding into again. */
    void giveBack(byte[] bytes);
}
