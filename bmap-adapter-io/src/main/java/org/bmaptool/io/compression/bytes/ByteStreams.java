package org.bmaptool.io.compression.bytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * The byte-reading steps the decoders' streams share: a single byte read through the
 * array read they implement, and what is left of a buffered input.
 */
public final class ByteStreams {

    private ByteStreams() {
    }

    /** {@link InputStream#read()} done by {@code in}'s own array read: the decoders implement only that one. */
    public static int readOne(InputStream in) throws IOException {
        return readOne(in, new byte[1]);
    }

    /** {@link #readOne(InputStream)} into {@code one}, for a stream read byte by byte on a hot path. */
    public static int readOne(InputStream in, byte[] one) throws IOException {
        return in.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** The bytes {@code buffer[start, end)} read ahead of {@code rest}, then {@code rest}. */
    public static InputStream unread(byte[] buffer, int start, int end, InputStream rest) {
        return new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOfRange(buffer, start, end)), rest);
    }
}
