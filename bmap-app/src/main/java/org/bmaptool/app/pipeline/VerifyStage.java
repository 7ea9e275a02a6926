package org.bmaptool.app.pipeline;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.RangeDigest;

/**
 * Verifies each span's checksum on the {@link RangeHasher}'s threads: the chunks of one
 * span go to its digest in order (a {@link RangeHasher.Sequence}), several spans at once.
 * A mismatch trips the latch. It counts the chunks not yet hashed, so the end of the copy
 * waits for the last comparison without polling.
 */
final class VerifyStage {
    private final RangeHasher hasher;
    private final ChecksumType type;
    private final String image;
    private final FailureLatch latch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private long pending;

    VerifyStage(RangeHasher hasher, ChecksumType type, String image, FailureLatch latch) {
        this.hasher = hasher;
        this.type = type;
        this.image = image;
        this.latch = latch;
        latch.whenTripped(this::wake);
    }

    /** The verification of {@code span}, which must have a checksum, fed by {@link Check#add}. */
    Check check(Span span) {
        return new Check(span);
    }

    /** Waits until every chunk handed over is hashed, or the latch trips. */
    void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            while (pending > 0 && !latch.tripped()) {
                idle.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        lock.lock();
        try {
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void opened() {
        lock.lock();
        try {
            pending++;
        } finally {
            lock.unlock();
        }
    }

    private void closed() {
        lock.lock();
        try {
            if (--pending == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** One span's digest, fed its chunks in order. */
    final class Check {
        private final Span span;
        private final RangeHasher.Sequence lane = hasher.sequence();
        private final RangeDigest digest = new RangeDigest(type);

        private Check(Span span) {
            this.span = span;
        }

        /** Hashes {@code chunk} after the span's chunks before it; releases it when done. */
        void add(Chunk chunk) {
            opened();
            lane.execute(() -> hash(chunk));
        }

        private void hash(Chunk chunk) {
            try {
                if (!latch.tripped()) {
                    digest.update(chunk.data());
                    if (chunk.lastOfSpan) {
                        compare();
                    }
                }
            } catch (RuntimeException e) {
                latch.fail(e);
            } finally {
                chunk.release();
                closed();
            }
        }

        private void compare() {
            String computed = digest.hex();
            String expected = span.checksum().orElseThrow();
            if (!RangeHasher.matches(computed, expected)) {
                latch.fail(StageFailure.mismatch(image, span, computed, expected));
            }
        }
    }
}
