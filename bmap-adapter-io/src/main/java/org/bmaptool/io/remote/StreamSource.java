package org.bmaptool.io.remote;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import org.bmaptool.ports.source.ImageSource;

/**
 * A remote image read front to back from one stream (FTP, SFTP): a jump forward skips,
 * which SFTP does without transferring the bytes and FTP by reading them.
 */
final class StreamSource implements ImageSource {
    private final String name;
    private final InputStream in;
    private final OptionalLong size;
    private final List<Closeable> resources;
    private final byte[] transfer = new byte[1 << 16];
    private long position;

    /** @param resources closed after the stream, in order (a session, a client) */
    StreamSource(String name, InputStream in, OptionalLong size, List<Closeable> resources) {
        this.name = name;
        this.in = in;
        this.size = size;
        this.resources = List.copyOf(resources);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong size() {
        return size;
    }

    @Override
    public int read(ByteBuffer target, long at) throws IOException {
        if (at < position) {
            throw new IOException("cannot go back from byte " + position + " to " + at + " in " + name);
        }
        while (position < at) {
            long skipped = in.skip(at - position);
            if (skipped <= 0) {
                int n = in.read(transfer, 0, (int) Math.min(transfer.length, at - position));
                if (n < 0) {
                    return -1;
                }
                skipped = n;
            }
            position += skipped;
        }
        int n = in.read(transfer, 0, Math.min(transfer.length, target.remaining()));
        if (n > 0) {
            target.put(transfer, 0, n);
            position += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Closeable resource : concat()) {
            try {
                resource.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private List<Closeable> concat() {
        java.util.ArrayList<Closeable> all = new java.util.ArrayList<>();
        all.add(in);
        all.addAll(resources);
        return all;
    }
}
