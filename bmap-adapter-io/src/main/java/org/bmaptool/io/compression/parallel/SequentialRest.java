package org.bmaptool.io.compression.parallel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.bmaptool.io.compression.bytes.CountingInputStream;

/**
 * The rest of a file decoded front to back on the reader's thread, from a unit's start:
 * where the file cannot be cut further, or a cut turned out wrong. The decoded bytes the
 * reader already took from that unit are dropped first.
 */
final class SequentialRest implements Closeable {
    private final InputStream decoded;
    private final CountingInputStream compressed;
    /** The file offset of the first compressed byte. */
    private final long fileOffset;
    private long skip;

    private SequentialRest(InputStream decoded, CountingInputStream compressed, long fileOffset, long skip) {
        this.decoded = decoded;
        this.compressed = compressed;
        this.fileOffset = fileOffset;
        this.skip = skip;
    }

    /** Starts the rest decoder of {@code units} on {@code compressed}, which begins at {@code fileOffset}. */
    static SequentialRest open(CompressedUnits units, InputStream compressed, long fileOffset, long skip)
            throws IOException {
        CountingInputStream counted = new CountingInputStream(compressed);
        try {
            return new SequentialRest(units.restDecoder(counted), counted, fileOffset, skip);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnitDecodingException(fileOffset + counted.count(), e);
        }
    }

    int read(byte[] target, int offset, int length) throws IOException {
        try {
            while (skip > 0) {
                int n = decoded.read(target, offset, (int) Math.min(length, skip));
                if (n < 0) {
                    throw new IOException("the stream decodes shorter sequentially than in parallel");
                }
                skip -= n;
            }
            return decoded.read(target, offset, length);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnitDecodingException(fileOffset + UnitInFlight.consumed(decoded, compressed.count()), e);
        }
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}
