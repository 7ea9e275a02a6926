package org.bmaptool.io.compression.parallel;

import java.io.InputStream;

/**
 * A unit's compressed bytes, counting how many the decoder has taken. Not a
 * {@link java.io.ByteArrayInputStream}: its reads take a lock, and the bzip2 decoder reads one
 * byte at a time.
 */
final class UnitBytes extends InputStream {
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
