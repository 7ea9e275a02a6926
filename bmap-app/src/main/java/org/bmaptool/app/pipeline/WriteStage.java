package org.bmaptool.app.pipeline;

import org.bmaptool.ports.destination.Destination;

/**
 * Writes one destination: takes the reader's chunks from its {@link Handoff}, writes each
 * at its position, and tells its {@link SyncStage} and the {@link Listener} how far it
 * got. When the destination fails it is dropped: the stage goes on taking and releasing
 * chunks, so the other destinations are not held up.
 */
final class WriteStage implements Runnable {

    /** Hears of a destination's progress and failure; called without a lock held. */
    interface Listener {
        void written(WriteStage lane, long bytes);

        void dropped(WriteStage lane, StageFailure failure);
    }

    final int index;
    final Destination destination;
    final Handoff queue;
    final SyncStage sync;
    private final int blockSize;
    private final Listener listener;
    private final FailureLatch latch;
    private volatile long bytes;
    private volatile long lastWrite;
    private volatile RuntimeException failure;

    WriteStage(int index, Destination destination, int blockSize, Tuning tuning, Listener listener,
               FailureLatch latch, long started) {
        this.index = index;
        this.destination = destination;
        this.blockSize = blockSize;
        this.listener = listener;
        this.latch = latch;
        this.lastWrite = started;
        // Room for every buffer of the pool: the reader never waits here, only for the
        // pool, which the slowest writer refills.
        this.queue = new Handoff(tuning.buffers() + 2);
        this.sync = new SyncStage(destination, tuning, latch, this::drop);
        latch.whenTripped(queue::abort);
    }

    long bytes() {
        return bytes;
    }

    long lastWrite() {
        return lastWrite;
    }

    RuntimeException failure() {
        return failure;
    }

    /** Set by the listener, under its lock, when it drops this destination. */
    void failed(RuntimeException error) {
        failure = error;
    }

    private void drop(StageFailure why) {
        listener.dropped(this, why);
    }

    @Override
    public void run() {
        try {
            Chunk chunk;
            while ((chunk = queue.take()) != null) {
                if (latch.tripped()) {
                    chunk.release();
                    break;
                }
                if (failure != null) {
                    // Dropped: its share of the buffers goes back so the others go on.
                    chunk.release();
                    continue;
                }
                try {
                    destination.write(chunk.data(), chunk.position);
                } catch (RuntimeException e) {
                    drop(StageFailure.write(destination, chunk.firstBlock(blockSize), chunk.lastBlock(blockSize), e));
                    chunk.release();
                    continue;
                }
                int length = chunk.length();
                chunk.release();
                bytes += length;
                lastWrite = System.nanoTime();
                listener.written(this, bytes);
                sync.wrote(length);
            }
        } catch (InterruptedException e) {
            latch.cancel();
        }
    }
}
