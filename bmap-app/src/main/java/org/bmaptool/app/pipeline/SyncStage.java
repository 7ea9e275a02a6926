package org.bmaptool.app.pipeline;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.bmaptool.ports.destination.Destination;

/**
 * Syncs one destination on a thread of its own every {@link Tuning#syncEveryBytes()} or
 * {@link Tuning#syncEveryNanos()}, so the medium works while the writer goes on, and
 * holds the writer when more than {@link Tuning#maxUnsyncedBytes()} are not yet synced:
 * an interrupted copy then never waits long for its last sync. Waits are on a condition
 * that a write, a sync, the finish and the latch signal.
 */
final class SyncStage implements Runnable {
    private final Destination destination;
    private final Tuning tuning;
    private final FailureLatch latch;
    private final Consumer<StageFailure> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CountDownLatch exited = new CountDownLatch(1);
    private long bytes;
    private long syncing;
    private long synced;
    private boolean finished;
    private boolean failed;
    private boolean started;

    SyncStage(Destination destination, Tuning tuning, FailureLatch latch, Consumer<StageFailure> onFailure) {
        this.destination = destination;
        this.tuning = tuning;
        this.latch = latch;
        this.onFailure = onFailure;
        latch.whenTripped(this::signal);
    }

    /** The writer wrote {@code count} more bytes; waits while too many are unsynced. */
    void wrote(long count) throws InterruptedException {
        lock.lock();
        try {
            bytes += count;
            if (bytes - syncing >= tuning.syncEveryBytes()) {
                changed.signalAll();
            }
            while (bytes - synced > tuning.maxUnsyncedBytes() && !latch.tripped() && !finished && !failed) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the stage and waits for a sync in progress, so the final sync and close do not race it. */
    void finish() {
        boolean running;
        lock.lock();
        try {
            finished = true;
            running = started;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!running) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                exited.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            lock.lock();
            try {
                if (finished) {
                    return;
                }
                started = true;
            } finally {
                lock.unlock();
            }
            syncAlong();
        } finally {
            exited.countDown();
        }
    }

    private void syncAlong() {
        long lastSync = System.nanoTime();
        while (true) {
            long mark;
            lock.lock();
            try {
                while (!finished && !due(lastSync)) {
                    long waitNanos = tuning.syncEveryNanos() - (System.nanoTime() - lastSync);
                    try {
                        // A deadline, not a poll: a write past the byte mark or the finish signals it.
                        changed.awaitNanos(Math.max(1_000_000, waitNanos));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (finished) {
                    return;
                }
                mark = bytes;
                syncing = mark;
            } finally {
                lock.unlock();
            }
            try {
                destination.sync();
            } catch (RuntimeException e) {
                lock.lock();
                try {
                    failed = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                onFailure.accept(StageFailure.sync(destination, e));
                return;
            }
            lastSync = System.nanoTime();
            lock.lock();
            try {
                synced = mark;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean due(long lastSync) {
        return bytes - syncing >= tuning.syncEveryBytes()
                || bytes > syncing && System.nanoTime() - lastSync >= tuning.syncEveryNanos();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
