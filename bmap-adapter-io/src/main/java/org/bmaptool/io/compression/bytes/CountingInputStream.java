package org.bmaptool.io.compression.bytes;

import java.io.IOException;
import java.io.InputStream;

/**
 * The compressed bytes, buffered and counted: the count is how far the decoder has read,
 * which error messages give as the offset of a corrupt or truncated stream. Unlike
 * {@link java.io.BufferedInputStream} it takes no lock per byte, which matters to the
 * bzip2 decoder: it reads one byte at a time. It also lets the first bytes be peeked
 * for the magic-number check, and serves the xz block cutter as its byte reader.
 */
public final class CountingInputStream extends InputStream {
    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;
    private long consumed;

    public CountingInputStream(InputStream in) {
        this(in, 1 << 17);
    }

    /** Reading {@code in} {@code bufferSize} bytes at a time. */
    public CountingInputStream(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** How many bytes the reader has taken. */
    public long count() {
        return consumed;
    }

    /** Copies up to {@code length} of the next bytes into {@code target} without taking them. */
    public int peek(byte[] target, int length) throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < length) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                break;
            }
            end += n;
        }
        int n = Math.min(length, end);
        System.arraycopy(buffer, 0, target, 0, n);
        return n;
    }

    @Override
    public int read() throws IOException {
        if (start == end && !fill()) {
            return -1;
        }
        consumed++;
        return buffer[start++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (start == end) {
            // Large reads go straight through, without a copy.
            if (length >= buffer.length) {
                int n = in.read(target, offset, length);
                if (n > 0) {
                    consumed += n;
                }
                return n;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, end - start);
        System.arraycopy(buffer, start, target, offset, n);
        start += n;
        consumed += n;
        return n;
    }

    /** The bytes not yet taken: those buffered, then the rest of the input. */
    public InputStream remainder() {
        return ByteStreams.unread(buffer, start, end, in);
    }

    @Override
    public int available() {
        return end - start;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        start = 0;
        end = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
