package org.bmaptool.io.remote;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import org.bmaptool.io.forward.ForwardOnlySource;

/**
 * A remote image read front to back from one stream (FTP, SFTP): a jump forward skips,
 * which SFTP does without transferring the bytes and FTP by reading them.
 */
final class StreamSource extends ForwardOnlySource {
    private final InputStream in;
    private final List<Closeable> resources;
    private final byte[] transfer = new byte[1 << 16];

    /** @param resources closed after the stream, in order (a session, a client) */
    StreamSource(String name, InputStream in, OptionalLong size, List<Closeable> resources) {
        super(name, size);
        this.in = in;
        this.resources = List.copyOf(resources);
    }

    @Override
    protected long skip(long count) throws IOException {
        long skipped = in.skip(count);
        if (skipped > 0) {
            return skipped;
        }
        int n = in.read(transfer, 0, (int) Math.min(transfer.length, count));
        return n < 0 ? -1 : n;
    }

    @Override
    protected int readHere(ByteBuffer target) throws IOException {
        if (!target.hasRemaining()) {
            return 0;
        }
        int n = in.read(transfer, 0, Math.min(transfer.length, target.remaining()));
        if (n > 0) {
            target.put(transfer, 0, n);
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
