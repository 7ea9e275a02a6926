package org.bmaptool.io.forward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;

/**
 * An image that can only be read front to back: standard input, an FTP or SFTP download,
 * a decoded compressed stream. A read never goes back, and a read further on first skips
 * the bytes between, by whatever means the source has (SFTP skips without transferring,
 * the others read and drop). The copy reads the mapped ranges in order, so this is all
 * it needs.
 */
public abstract class ForwardOnlySource implements ImageSource {
    private final String name;
    private final OptionalLong size;
    private long position;

    protected ForwardOnlySource(String name, OptionalLong size) {
        this.name = name;
        this.size = size;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final OptionalLong size() {
        return size;
    }

    /** How many bytes have been read or skipped. */
    protected final long position() {
        return position;
    }

    @Override
    public final int read(ByteBuffer target, long at) {
        try {
            return readAt(target, at);
        } catch (IOException e) {
            throw PortException.of(name, e);
        }
    }

    /** {@link #read} with the checked failures of the stream below, which {@code read} wraps. */
    protected final int readAt(ByteBuffer target, long at) throws IOException {
        if (at < position) {
            throw new IOException("cannot go back from byte " + position + " to " + at + " in " + name);
        }
        while (position < at) {
            long skipped = skip(at - position);
            if (skipped < 0) {
                return -1;
            }
            position += skipped;
        }
        int n = readHere(target);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    /** Skips at least one and at most {@code count} bytes: how many, or -1 at the end. */
    protected abstract long skip(long count) throws IOException;

    /** Reads some bytes at the position into {@code target}: how many (0 when it has no room), or -1 at the end. */
    protected abstract int readHere(ByteBuffer target) throws IOException;
}
