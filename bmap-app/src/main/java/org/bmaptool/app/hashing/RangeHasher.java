package org.bmaptool.app.hashing;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bmaptool.domain.checksum.HexDigest;

/**
 * The one place byte ranges are hashed in parallel: a pool of daemon threads that
 * {@code create}, {@code copy}, {@code verify} and the copy's read-back share, with two
 * ways in. {@link #inOrder} hashes independent ranges (or batches of them) several at a
 * time and hands the results back in the ranges' order, a bounded window in flight, so
 * memory stays flat and the first failure in the map is the one reported; a
 * {@link Sequence} feeds the pieces of one range to its digest in order, one at a time,
 * while other ranges' sequences run on the other threads. {@link #matches} is the one
 * rule for comparing a computed digest with a bmap's.
 */
public final class RangeHasher implements AutoCloseable {
    private final ExecutorService pool;
    private final int threads;

    /** A hasher of {@code threads} threads (at least one), started as first needed. */
    public RangeHasher(int threads) {
        this.threads = Math.max(1, threads);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.threads, task -> {
            Thread thread = new Thread(task, "bmaptool-hash-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How many ranges this hasher works on at once. */
    public int threads() {
        return threads;
    }

    /** True when {@code computed} is the digest {@code expected} names (hex digits in any case). */
    public static boolean matches(String computed, String expected) {
        return HexDigest.matches(computed, expected);
    }

    /**
     * {@code work} applied to each of {@code items} on the pool, the results handed out in
     * the items' order, at most {@code window} items in flight. The items are pulled on
     * the calling thread only. A failure of {@code work} is thrown, as it was thrown, when
     * its item's turn comes; an interrupt of the waiting thread is thrown as
     * {@code interrupted} makes it (the interrupt flag set again).
     */
    public <T, R> Iterator<R> inOrder(Iterator<T> items, Function<? super T, ? extends R> work, int window,
                                      Function<InterruptedException, RuntimeException> interrupted) {
        return new Ordered<>(items, work, Math.max(1, window), interrupted);
    }

    /** A new lane whose tasks run one after the other, in the order given, on the pool. */
    public Sequence sequence() {
        return new Sequence();
    }

    /** Stops the threads; work not yet started is dropped. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * Tasks that must run in order, one at a time (the pieces of one range into one
     * digest), without a thread of their own: the lane takes a pool thread while it has
     * work and gives it back when it has none.
     */
    public final class Sequence {
        private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
        private boolean scheduled;

        private Sequence() {
        }

        /** Runs {@code task} after every task given before it. A task should not throw: it reports its own failure. */
        public void execute(Runnable task) {
            synchronized (this) {
                queued.add(task);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            pool.execute(this::drain);
        }

        private void drain() {
            while (true) {
                Runnable task;
                synchronized (this) {
                    task = queued.poll();
                    if (task == null) {
                        scheduled = false;
                        return;
                    }
                }
                task.run();
            }
        }
    }

    private final class Ordered<T, R> implements Iterator<R> {
        private final Iterator<T> items;
        private final Function<? super T, ? extends R> work;
        private final int window;
        private final Function<InterruptedException, RuntimeException> interrupted;
        private final ArrayDeque<Future<? extends R>> inFlight = new ArrayDeque<>();

        Ordered(Iterator<T> items, Function<? super T, ? extends R> work, int window,
                Function<InterruptedException, RuntimeException> interrupted) {
            this.items = items;
            this.work = work;
            this.window = window;
            this.interrupted = interrupted;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !inFlight.isEmpty();
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            R result = await(inFlight.poll());
            fill();
            return result;
        }

        private void fill() {
            while (inFlight.size() < window && items.hasNext()) {
                T item = items.next();
                inFlight.add(pool.submit(() -> work.apply(item)));
            }
        }

        private R await(Future<? extends R> result) {
            try {
                return result.get();
            } catch (InterruptedException | ExecutionException | RuntimeException e) {
                // The caller stops here: what has not started yet never will.
                inFlight.forEach(each -> each.cancel(false));
                inFlight.clear();
                throw rethrown(e);
            }
        }

        private RuntimeException rethrown(Exception failure) {
            if (failure instanceof InterruptedException e) {
                Thread.currentThread().interrupt();
                return interrupted.apply(e);
            }
            Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
            if (cause instanceof RuntimeException runtime) {
                return runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new IllegalStateException(cause);
        }
    }
}
