package org.bmaptool.app.pipeline;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bytes of the image read into a pool buffer at {@code position}, shared by every writer
 * and the verification, counted by reference: the last user gives the buffer back.
 */
final class Chunk {
    final long position;
    final boolean lastOfSpan;
    private final ByteBuffer buffer;
    private final BufferPool pool;
    private final AtomicInteger users;

    Chunk(long position, ByteBuffer buffer, BufferPool pool, int users, boolean lastOfSpan) {
        this.position = position;
        this.buffer = buffer;
        this.pool = pool;
        this.users = new AtomicInteger(users);
        this.lastOfSpan = lastOfSpan;
    }

    /** A view of the bytes, for one user to consume. */
    ByteBuffer data() {
        return buffer.duplicate();
    }

    int length() {
        return buffer.limit();
    }

    long firstBlock(int blockSize) {
        return position / blockSize;
    }

    long lastBlock(int blockSize) {
        return (position + Math.max(buffer.limit(), 1) - 1) / blockSize;
    }

    /** One user is done; the last one returns the buffer to the pool. */
    void release() {
        if (users.decrementAndGet() == 0) {
            pool.offer(buffer);
        }
    }
}
