package org.bmaptool.app.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.ports.destination.Destination;

/**
 * The copy pipeline: a {@link ReadStage} reads the image's spans into a {@link BufferPool}
 * of direct buffers, a {@link VerifyStage} checks their checksums on the hasher's threads,
 * and per destination a {@link WriteStage} writes each chunk at its position while a
 * {@link SyncStage} flushes it along the way. The stages run on one executor and hand
 * chunks through bounded {@link Handoff}s; a buffer goes back to the pool when every
 * writer and the check are done with it, so the slowest destination paces the reader.
 * One {@link FailureLatch} stops everything: the first failure (a read error, a mismatch,
 * the last destination failing) or {@link #cancel()}. A destination that fails is dropped
 * and the others go on. Failures are {@link StageFailure}s, which {@code explain} (the use
 * case's) turns into the user's errors. One pipeline runs one job; its executor then
 * serves the work done for each destination after the copy ({@link #inParallel}).
 */
public final class CopyPipeline implements WriteStage.Listener, AutoCloseable {
    private final Tuning tuning;
    private final CopyProgress progress;
    private final RangeHasher hasher;
    private final FailureLatch latch;
    private final ExecutorService stages = Executors.newCachedThreadPool(daemon());
    private volatile List<WriteStage> lanes = List.of();
    private long reported = -1;

    /**
     * A pipeline that verifies on {@code hasher}'s threads (null: threads of its own,
     * {@link Tuning#hashThreads()}), reports to {@code progress}, and words its failures
     * with {@code explain}.
     */
    public CopyPipeline(Tuning tuning, CopyProgress progress, RangeHasher hasher,
                        Function<StageFailure, RuntimeException> explain) {
        this.tuning = tuning;
        this.progress = progress;
        this.hasher = hasher;
        this.latch = new FailureLatch(explain);
    }

    /** Stops the copy as soon as possible; {@link #run} then throws {@link Cancelled}. Callable from any thread, any time. */
    public void cancel() {
        latch.cancel();
    }

    /** Whether {@link #cancel()} was called: the work after the copy ({@link #inParallel}) checks it between steps. */
    public boolean cancelled() {
        return latch.cancelled();
    }

    /**
     * Copies {@code job}; returns when every span is written and verified to every
     * destination that did not fail.
     *
     * @throws RuntimeException the explained first failure, or the error of the last destination left
     * @throws Cancelled when {@link #cancel()} was called
     */
    public Outcome run(Job job) {
        int chunkBytes = job.blockSize() <= tuning.chunkBytes()
                ? tuning.chunkBytes() / job.blockSize() * job.blockSize() : tuning.chunkBytes();
        BufferPool pool = new BufferPool(tuning.buffers(), chunkBytes);
        RangeHasher own = job.verifyWith().isPresent() && hasher == null ? new RangeHasher(tuning.hashThreads()) : null;
        VerifyStage verify = job.verifyWith().isEmpty() ? null
                : new VerifyStage(own != null ? own : hasher, job.verifyWith().get(), job.image().name(), latch);
        long started = System.nanoTime();
        List<WriteStage> all = new ArrayList<>();
        for (int i = 0; i < job.destinations().size(); i++) {
            all.add(new WriteStage(i, job.destinations().get(i), job.blockSize(), tuning, this, latch, started));
        }
        lanes = List.copyOf(all);
        ReadStage reader = new ReadStage(job, pool, verify, lanes.stream().map(lane -> lane.queue).toList(), latch);
        try {
            stages.execute(reader);
            List<Future<?>> writers = new ArrayList<>();
            for (WriteStage lane : lanes) {
                writers.add(stages.submit(lane));
                stages.execute(lane.sync);
            }
            awaitStages(writers, reader, verify);
        } finally {
            latch.stop();
            if (own != null) {
                own.close();
            }
        }
        // A cancel wins: a failure that follows it is only the cancel seen by a stage.
        if (latch.cancelled()) {
            throw new Cancelled();
        }
        if (latch.failure() != null) {
            throw latch.failure();
        }
        List<Outcome.Written> results = new ArrayList<>();
        long bytes = 0;
        for (WriteStage lane : lanes) {
            results.add(new Outcome.Written(lane.destination, lane.bytes(), lane.lastWrite() - started,
                    Optional.ofNullable(lane.failure())));
            if (lane.failure() == null) {
                bytes = Math.max(bytes, lane.bytes());
            }
        }
        return new Outcome(bytes, reader.blocksRead(), List.copyOf(results));
    }

    // Every writer is waited for, also after a stop: once run returns, nothing writes to
    // a destination any more, so it can be synced and closed. After a stop the reader may
    // sit in a read that no interrupt ends (a pipe): nothing it does reaches a destination.
    private void awaitStages(List<Future<?>> writers, ReadStage reader, VerifyStage verify) {
        boolean interrupted = false;
        for (Future<?> writer : writers) {
            while (true) {
                try {
                    writer.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    latch.cancel();
                } catch (ExecutionException e) {
                    latch.fail(new IllegalStateException("a copy stage failed", e.getCause()));
                    break;
                }
            }
        }
        lanes.forEach(lane -> lane.sync.finish());
        if (interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            reader.awaitEnd(latch);
            if (verify != null) {
                verify.awaitIdle();
            }
        } catch (InterruptedException e) {
            latch.cancel();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code task} for each index, on the executor when there are several, and waits
     * for all; rethrows the first RuntimeException.
     *
     * @throws Interrupted when the waiting thread is interrupted
     */
    public void inParallel(List<Integer> indexes, IntConsumer task) {
        if (indexes.size() == 1) {
            task.accept(indexes.get(0));
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (int i : indexes) {
            running.add(stages.submit(() -> task.accept(i)));
        }
        RuntimeException first = null;
        for (Future<?> each : running) {
            try {
                each.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted("interrupted, exiting", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Stops the executor's threads; a reader stuck in a read that no interrupt ends is left to the image's close. */
    @Override
    public void close() {
        stages.shutdownNow();
    }

    /**
     * A destination's writer reports its bytes; the copy's progress is the slowest
     * destination still writing. The slowest is worked out under the lock, the listeners
     * are called after it: they must never hold up another writer.
     */
    @Override
    public void written(WriteStage lane, long bytes) {
        long report = -1;
        synchronized (this) {
            long slowest = Long.MAX_VALUE;
            for (WriteStage each : lanes) {
                if (each.failure() == null) {
                    slowest = Math.min(slowest, each == lane ? bytes : each.bytes());
                }
            }
            if (slowest != Long.MAX_VALUE && slowest > reported) {
                reported = slowest;
                report = slowest;
            }
        }
        progress.destinationWritten(lane.index, bytes);
        if (report >= 0) {
            progress.written(report);
        }
    }

    /**
     * A destination failed to write or sync: it is dropped, and the copy goes on to the
     * others; when none is left, the copy fails with this error.
     */
    @Override
    public void dropped(WriteStage lane, StageFailure failure) {
        RuntimeException error = latch.explained(failure);
        boolean last;
        synchronized (this) {
            if (lane.failure() != null) {
                return;
            }
            lane.failed(error);
            last = lanes.stream().allMatch(each -> each.failure() != null);
        }
        progress.destinationFailed(lane.index, error.getMessage());
        if (last) {
            latch.fail(error);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "bmaptool-copy-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
