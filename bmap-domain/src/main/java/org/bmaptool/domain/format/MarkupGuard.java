package org.bmaptool.domain.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops reading input that runs on for megabytes without a {@code <} or {@code >}.
 * The parser bounds text and attribute values itself but not the length of a name, so
 * an endless element name would otherwise fill the heap; no valid bmap comes near the
 * bound, since its texts are bounded far below it.
 */
final class MarkupGuard extends FilterInputStream {
    static final int MAX_RUN = 8 << 20;

    /** The failure this guard reports, told apart from a failing disk or network. */
    static final class RunTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        RunTooLong() {
            super("more than " + (MAX_RUN >> 20) + " MiB without markup");
        }
    }

    private long run;

    MarkupGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    private void count(byte b) throws RunTooLong {
        if (b == '<' || b == '>') {
            run = 0;
        } else if (++run > MAX_RUN) {
            throw new RunTooLong();
        }
    }
}
