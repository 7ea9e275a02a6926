package org.bmaptool.app.pipeline;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue of chunks from the reader to one writer that can be closed (the reader
 * is done: the writer drains what is left) or aborted (the latch tripped: the writer stops
 * at once). No end marker travels through it and nobody polls.
 */
final class Handoff {
    private final ArrayDeque<Chunk> chunks;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean closed;
    private boolean aborted;

    Handoff(int capacity) {
        this.capacity = capacity;
        this.chunks = new ArrayDeque<>(capacity);
    }

    /** Queues {@code chunk}, waiting for room; an aborted handoff gives it straight back. */
    void put(Chunk chunk) throws InterruptedException {
        lock.lock();
        try {
            while (chunks.size() >= capacity && !aborted) {
                changed.await();
            }
            if (aborted) {
                chunk.release();
                return;
            }
            chunks.add(chunk);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next chunk; null once closed and drained, or aborted. */
    Chunk take() throws InterruptedException {
        lock.lock();
        try {
            while (chunks.isEmpty() && !closed && !aborted) {
                changed.await();
            }
            if (aborted || chunks.isEmpty()) {
                return null;
            }
            Chunk chunk = chunks.poll();
            changed.signalAll();
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    /** No more chunks will come. */
    void close() {
        signal(false);
    }

    /** Stop: what is queued is dropped, waiting threads return. */
    void abort() {
        signal(true);
    }

    private void signal(boolean abort) {
        lock.lock();
        try {
            closed = true;
            aborted |= abort;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
