package org.bmaptool.io.remote;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;

/**
 * An image on an HTTP or HTTPS server. When the server takes Range requests, a jump
 * over a hole longer than {@link #MERGE_GAP} starts a new request at the target, so only
 * the mapped parts of a raw image are downloaded; a shorter one reads through, which is
 * cheaper than a new request. A transfer that breaks off resumes with a Range request
 * where it stopped, a few times in a row without progress, then fails naming the URL.
 * On a server that ignores Range the image is read front to back.
 */
final class HttpSource implements ImageSource {
    /** Holes up to this long are read through rather than skipped with a new request. */
    static final long MERGE_GAP = 1 << 20;

    private final HttpImages http;
    private final RemoteSettings settings;
    private final OptionalLong size;
    private final byte[] transfer = new byte[1 << 16];
    private boolean ranges;
    private InputStream body;
    private long bodyPosition;
    private long requests;

    private HttpSource(HttpImages http, RemoteSettings settings, HttpImages.Body first) {
        this.http = http;
        this.settings = settings;
        this.size = first.fileSize();
        this.ranges = first.partial();
        this.body = first.stream();
        this.bodyPosition = first.from();
        this.requests = 1;
    }

    /** Opens the image: one request from byte 0 that also learns the size and Range support. */
    static HttpSource open(RemoteLocation location, RemoteSettings settings) {
        HttpImages http = new HttpImages(location, settings);
        try {
            return new HttpSource(http, settings, http.get(0, true));
        } catch (IOException e) {
            throw new PortException(http.failure(http.describe(e)), e);
        }
    }

    @Override
    public String name() {
        return http.location().masked();
    }

    @Override
    public OptionalLong size() {
        return size;
    }

    /** Whether the server honours Range requests, so holes are skipped without download. */
    boolean seekable() {
        return ranges;
    }

    /** How many requests were made so far (for tests of hole skipping and resuming). */
    long requests() {
        return requests;
    }

    @Override
    public int read(ByteBuffer target, long at) {
        try {
            return readAt(target, at);
        } catch (IOException e) {
            throw PortException.of(name(), e);
        }
    }

    private int readAt(ByteBuffer target, long at) throws IOException {
        if (size.isPresent() && at >= size.getAsLong()) {
            return -1;
        }
        int failures = 0;
        while (true) {
            try {
                moveTo(at);
                int n = body.read(transfer, 0, Math.min(target.remaining(), transfer.length));
                if (n < 0) {
                    if (size.isEmpty() || bodyPosition >= size.getAsLong()) {
                        return -1;
                    }
                    throw new EOFException("the server ended the transfer at byte " + bodyPosition
                            + " of " + size.getAsLong());
                }
                target.put(transfer, 0, n);
                bodyPosition += n;
                return n;
            } catch (IOException e) {
                closeBody();
                failures++;
                if (failures > settings.retries()) {
                    throw new IOException(http.failure("the transfer broke off at byte " + Math.max(at, bodyPosition)
                            + " and did not resume after " + settings.retries() + " retries: " + http.describe(e)), e);
                }
                pause(failures);
            }
        }
    }

    /** Puts the body stream at {@code at}: reads through short gaps, requests anew for long ones. */
    private void moveTo(long at) throws IOException {
        boolean reachable = body != null && at >= bodyPosition && (!ranges || at - bodyPosition <= MERGE_GAP);
        if (!reachable) {
            closeBody();
            open(ranges ? at : 0);
        }
        while (bodyPosition < at) {
            int n = body.read(transfer, 0, (int) Math.min(transfer.length, at - bodyPosition));
            if (n < 0) {
                throw new EOFException("the server ended the transfer at byte " + bodyPosition);
            }
            bodyPosition += n;
        }
    }

    private void open(long from) throws IOException {
        requests++;
        HttpImages.Body next = http.get(from, ranges);
        // A server that stops honouring Range answers with the whole file: read from 0.
        ranges = next.partial();
        body = next.stream();
        bodyPosition = next.from();
    }

    private void pause(int failures) throws IOException {
        try {
            Thread.sleep(settings.retryPause().toMillis() << Math.min(failures - 1, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void closeBody() {
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                // The connection is gone either way.
            }
            body = null;
        }
    }

    @Override
    public void close() {
        closeBody();
    }
}
