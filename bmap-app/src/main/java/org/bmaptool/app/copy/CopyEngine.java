package org.bmaptool.app.copy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.common.PageAlignedBuffers;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.RangeDigest;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.source.ImageSource;

/**
 * The copy pipeline: a reader thread reads the spans of the image by position into a
 * fixed pool of large direct buffers, worker threads verify the span checksums in
 * parallel (the chunks of one span in order), and one writer thread per destination
 * writes each chunk at its position while a sync thread of its own flushes that
 * destination every few tens of MiB. Every destination is handed the same buffers,
 * counted by reference: a buffer goes back to the pool when every writer and the check
 * are done with it, so the slowest destination holds the reader back and memory is the
 * pool, whatever the image size and the number of destinations. The first failure (a
 * read error, a checksum mismatch, an image that ends early) or {@link #cancel()} stops
 * every thread; a destination that fails to write or sync is dropped while the others go
 * on, and when it is the only one (or the last one left) the copy fails with its error.
 * Nothing is reported as done unless every span was read, verified and written.
 */
public final class CopyEngine {

    /** Sizes that shape the pipeline. */
    public record Tuning(int chunkBytes, int buffers, int hashThreads, long syncEveryBytes,
                         long syncEveryNanos, long maxUnsyncedBytes) {

        /**
         * 8 buffers of 1 MiB, allocated as the copy first needs them (the JDK zeroes a
         * direct buffer, so each is resident from its allocation): enough for the reader,
         * both hashers and the writers to work at once, and 4 MiB of peak RSS less than
         * the 12 there were, with no change in speed; a sync every 64 MiB or
         * second, the writer held at 256 MiB not yet synced.
         */
        public static final Tuning DEFAULT = new Tuning(1 << 20, 8, 2, 64L << 20, 1_000_000_000L, 256L << 20);
    }

    /**
     * Bytes {@code start} (inclusive) to {@code end} (exclusive) of the image, the blocks
     * {@code firstBlock}-{@code lastBlock} of a bmap range, with the checksum to verify.
     */
    public record Span(long firstBlock, long lastBlock, long start, long end, Optional<String> checksum) {
    }

    /**
     * What to copy: the spans in ascending order, to every one of {@code destinations},
     * the block size that counts blocks, the hash of the checksums (empty: nothing
     * verified), and whether the image may end before the spans do (a whole image of
     * unknown size copied without a bmap).
     */
    public record Job(ImageSource image, List<Destination> destinations, Iterator<Span> spans, int blockSize,
                      Optional<ChecksumType> verifyWith, boolean endAtEof) {

        public Job {
            destinations = List.copyOf(destinations);
            if (destinations.isEmpty()) {
                throw new IllegalArgumentException("a copy needs a destination");
            }
        }

        /** A copy to one destination. */
        public Job(ImageSource image, Destination destination, Iterator<Span> spans, int blockSize,
                   Optional<ChecksumType> verifyWith, boolean endAtEof) {
            this(image, List.of(destination), spans, blockSize, verifyWith, endAtEof);
        }

        /** The first (for a copy to one destination: the) destination. */
        public Destination destination() {
            return destinations.get(0);
        }
    }

    /**
     * How one destination fared: the bytes written to it, the nanoseconds from the start
     * to its last write, and the error that dropped it, if one did.
     */
    public record Written(Destination destination, long bytes, long nanos, Optional<RuntimeException> failure) {
    }

    /**
     * What was copied: bytes written (to the destinations that did not fail) and blocks
     * read, counted as upstream counts them, and each destination's result in the job's order.
     */
    public record Outcome(long bytesWritten, long blocksRead, List<Written> destinations) {

        public Outcome(long bytesWritten, long blocksRead) {
            this(bytesWritten, blocksRead, List.of());
        }
    }

    /** Thrown by {@link #run} when the copy was cancelled. */
    public static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("the copy was cancelled", null, false, false);
        }
    }

    private static final Chunk END = new Chunk(null, 0, null, 0, null);

    private final Tuning tuning;
    private final CopyProgress progress;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile List<Lane> lanes = List.of();
    private volatile boolean cancelled;
    private volatile boolean stopped;
    private volatile Thread reader;
    private long reported = -1;

    private final RangeHasher sharedHasher;

    public CopyEngine(Tuning tuning, CopyProgress progress) {
        this(tuning, progress, null);
    }

    /** An engine that verifies on {@code hasher}'s threads (null: threads of its own, {@link Tuning#hashThreads()}). */
    public CopyEngine(Tuning tuning, CopyProgress progress, RangeHasher hasher) {
        this.tuning = tuning;
        this.progress = progress;
        this.sharedHasher = hasher;
    }

    /** Stops a running copy as soon as possible; {@link #run} then throws {@link Cancelled}. Callable from any thread, any time. */
    public void cancel() {
        cancelled = true;
        stop();
    }

    private void stop() {
        stopped = true;
        for (Lane lane : lanes) {
            lane.queue.offer(END);
        }
        Thread r = reader;
        if (r != null) {
            r.interrupt();
        }
    }

    private void fail(RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
            stop();
        }
    }

    /**
     * Copies {@code job}; returns when every span is written and verified to every
     * destination that did not fail.
     *
     * @throws CommandException naming the blocks and files on the first failure, or the
     *         error of the last destination left when it fails
     * @throws Cancelled when {@link #cancel()} was called
     */
    public Outcome run(Job job) {
        int chunkBytes = job.blockSize() <= tuning.chunkBytes()
                ? tuning.chunkBytes() / job.blockSize() * job.blockSize() : tuning.chunkBytes();
        BufferPool pool = new BufferPool(tuning.buffers(), chunkBytes);
        RangeHasher own = job.verifyWith().isPresent() && sharedHasher == null
                ? new RangeHasher(tuning.hashThreads()) : null;
        RangeHasher hashers = job.verifyWith().isEmpty() ? null : own != null ? own : sharedHasher;
        Checks checks = new Checks();
        long started = System.nanoTime();
        List<Lane> all = new ArrayList<>();
        for (int i = 0; i < job.destinations().size(); i++) {
            all.add(new Lane(i, job.destinations().get(i), job.blockSize(), pool, started));
        }
        lanes = List.copyOf(all);
        Reading reading = new Reading(job, pool, hashers, checks);
        Thread readerThread = daemon("bmaptool-read").newThread(reading);
        reader = readerThread;
        if (stopped) {
            stop();
        }
        readerThread.start();
        lanes.forEach(Lane::start);
        try {
            // Every writer is waited for, also after a stop: once run returns, nothing
            // writes to a destination any more, so it can be synced and closed.
            for (Lane lane : lanes) {
                lane.join();
            }
            // After a stop the reader may sit in a read that no interrupt ends (a pipe):
            // it is a daemon, and nothing it does any more reaches a destination.
            if (!stopped) {
                readerThread.join();
                checks.awaitAll(this);
            }
        } catch (InterruptedException e) {
            cancel();
            for (Lane lane : lanes) {
                lane.joinUninterruptibly();
            }
            Thread.currentThread().interrupt();
        } finally {
            stop();
            if (own != null) {
                own.close();
            }
        }
        // A cancel wins: a failure that follows it is only the cancel seen by a thread.
        if (cancelled) {
            throw new Cancelled();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<Written> results = new ArrayList<>();
        long bytes = 0;
        for (Lane lane : lanes) {
            results.add(new Written(lane.destination, lane.bytes, lane.lastWrite - started,
                    Optional.ofNullable(lane.failure)));
            if (lane.failure == null) {
                bytes = Math.max(bytes, lane.bytes);
            }
        }
        return new Outcome(bytes, reading.blocksRead, List.copyOf(results));
    }

    /**
     * A destination's writer reports its bytes; the copy's progress is the slowest
     * destination still writing. The slowest is worked out under the lock, the listeners
     * are called after it: they must never hold up another writer.
     */
    private void reportWritten(Lane lane, long bytes) {
        long report = -1;
        synchronized (this) {
            long slowest = Long.MAX_VALUE;
            for (Lane each : lanes) {
                if (each.failure == null) {
                    slowest = Math.min(slowest, each == lane ? bytes : each.bytes);
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
    private void dropped(Lane lane, RuntimeException error) {
        boolean last;
        synchronized (this) {
            if (lane.failure != null) {
                return;
            }
            lane.failure = error;
            last = lanes.stream().allMatch(each -> each.failure != null);
        }
        progress.destinationFailed(lane.index, error.getMessage());
        if (last) {
            fail(error);
        }
    }

    /** One destination: its queue of chunks to write, its writer thread and its periodic sync. */
    private final class Lane implements Runnable {
        final int index;
        final Destination destination;
        final int blockSize;
        final BufferPool pool;
        final long started;
        final BlockingQueue<Chunk> queue;
        final PeriodicSync sync;
        final Thread thread;
        volatile long bytes;
        volatile long lastWrite;
        volatile RuntimeException failure;

        Lane(int index, Destination destination, int blockSize, BufferPool pool, long started) {
            this.index = index;
            this.destination = destination;
            this.blockSize = blockSize;
            this.pool = pool;
            this.started = started;
            this.lastWrite = started;
            // Room for every buffer of the pool and the end mark: the reader never waits here,
            // only for the pool, which the slowest writer refills.
            this.queue = new ArrayBlockingQueue<>(tuning.buffers() + 2);
            this.sync = new PeriodicSync(this);
            this.thread = daemon("bmaptool-write").newThread(this);
        }

        void start() {
            thread.start();
            sync.start();
        }

        void join() throws InterruptedException {
            thread.join();
            sync.finish();
        }

        void joinUninterruptibly() {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            sync.finish();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    Chunk chunk = queue.take();
                    if (chunk == END || stopped) {
                        break;
                    }
                    if (failure != null) {
                        // Dropped: its share of the buffers goes back so the others go on.
                        chunk.release(pool);
                        continue;
                    }
                    try {
                        destination.write(chunk.buffer.duplicate(), chunk.position);
                    } catch (RuntimeException e) {
                        dropped(this, new CommandException("error while writing blocks " + blocks(chunk, blockSize)
                                + " of '" + destination.name() + "': " + reason(e), e));
                        chunk.release(pool);
                        continue;
                    }
                    int length = chunk.buffer.limit();
                    chunk.release(pool);
                    bytes += length;
                    lastWrite = System.nanoTime();
                    reportWritten(this, bytes);
                    sync.wrote(length);
                }
            } catch (InterruptedException e) {
                cancel();
            }
        }
    }

    private static String blocks(Chunk chunk, int blockSize) {
        long first = chunk.position / blockSize;
        long last = (chunk.position + Math.max(chunk.buffer.limit(), 1) - 1) / blockSize;
        return first + "-" + last;
    }

    private static String reason(Exception e) {
        return PortException.reasonOf(e);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** At most {@code capacity} direct buffers, allocated when first needed, then handed round. */
    private static final class BufferPool {
        private final BlockingQueue<ByteBuffer> free;
        private final int capacity;
        private final int bytes;
        private int allocated;

        BufferPool(int capacity, int bytes) {
            this.free = new ArrayBlockingQueue<>(capacity);
            this.capacity = capacity;
            this.bytes = bytes;
        }

        /** A free buffer; waits for one when all are allocated and in use. Called by the reader only. */
        ByteBuffer take() throws InterruptedException {
            ByteBuffer buffer = free.poll();
            if (buffer != null) {
                return buffer;
            }
            if (allocated < capacity) {
                allocated++;
                return PageAlignedBuffers.allocate(bytes);
            }
            return free.take();
        }

        void offer(ByteBuffer buffer) {
            free.offer(buffer);
        }
    }

    /** Bytes read into a pool buffer, on their way to the writer and, when verified, a span check. */
    private static final class Chunk {
        final SpanCheck check;
        final long position;
        final ByteBuffer buffer;
        final AtomicInteger users;
        final boolean lastOfSpan;

        Chunk(SpanCheck check, long position, ByteBuffer buffer, int users, Boolean lastOfSpan) {
            this.check = check;
            this.position = position;
            this.buffer = buffer;
            this.users = new AtomicInteger(users);
            this.lastOfSpan = Boolean.TRUE.equals(lastOfSpan);
        }

        /** Every writer and the check each give the buffer back; the last one returns it to the pool. */
        void release(BufferPool pool) {
            if (users.decrementAndGet() == 0) {
                pool.offer(buffer);
            }
        }
    }

    /** Reads the spans into pool buffers, in order, and hands each chunk on. */
    private final class Reading implements Runnable {
        private final Job job;
        private final BufferPool pool;
        private final RangeHasher hashers;
        private final Checks checks;
        volatile long blocksRead;

        Reading(Job job, BufferPool pool, RangeHasher hashers, Checks checks) {
            this.job = job;
            this.pool = pool;
            this.hashers = hashers;
            this.checks = checks;
        }

        @Override
        public void run() {
            try {
                readAll();
            } catch (InterruptedException e) {
                // Stopped by a failure elsewhere or a cancel; they say why.
                stop();
            } catch (RuntimeException e) {
                if (e.getCause() instanceof ClosedByInterruptException) {
                    stop();
                } else {
                    fail(e);
                }
            } finally {
                for (Lane lane : lanes) {
                    lane.queue.offer(END);
                }
            }
        }

        private void readAll() throws InterruptedException {
            long blocks = 0;
            while (job.spans().hasNext() && !stopped) {
                Span span = job.spans().next();
                SpanCheck check = hashers != null && span.checksum().isPresent()
                        ? new SpanCheck(span, job, hashers, checks) : null;
                long position = span.start();
                while (position < span.end() && !stopped) {
                    ByteBuffer buffer = pool.take();
                    buffer.clear().limit((int) Math.min(buffer.capacity(), span.end() - position));
                    int n = readFully(span, buffer, position);
                    if (n == 0) {
                        pool.offer(buffer);
                        blocksRead = blocks + blocksIn(position - span.start());
                        return;
                    }
                    buffer.flip();
                    position += n;
                    boolean last = position >= span.end();
                    List<Lane> writers = lanes;
                    Chunk chunk = new Chunk(check, position - n, buffer, writers.size() + (check != null ? 1 : 0),
                            last);
                    if (check != null) {
                        check.add(chunk, pool);
                    }
                    for (Lane lane : writers) {
                        lane.queue.put(chunk);
                    }
                }
                blocks += blocksIn(position - span.start());
                blocksRead = blocks;
            }
        }

        private long blocksIn(long bytes) {
            return (bytes + job.blockSize() - 1) / job.blockSize();
        }

        private int readFully(Span span, ByteBuffer buffer, long position) {
            int total = 0;
            while (buffer.hasRemaining()) {
                int n;
                try {
                    n = job.image().read(buffer, position + total);
                } catch (PortException e) {
                    // A decoder's failure names the file and the offset itself; an interrupt is a stop.
                    if (e.subject().isEmpty() || e.getCause() instanceof ClosedByInterruptException) {
                        throw e;
                    }
                    long first = (position + total) / job.blockSize();
                    throw new CommandException("error while reading blocks " + first + "-" + span.lastBlock()
                            + " of the image file '" + job.image().name() + "': " + reason(e), e);
                }
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }
    }

    /** The checksum of one span, fed its chunks in order on the hasher's threads. */
    private final class SpanCheck {
        private final Span span;
        private final Job job;
        private final RangeHasher.Sequence lane;
        private final Checks checks;
        private final RangeDigest digest;

        SpanCheck(Span span, Job job, RangeHasher hashers, Checks checks) {
            this.span = span;
            this.job = job;
            this.lane = hashers.sequence();
            this.checks = checks;
            this.digest = new RangeDigest(job.verifyWith().orElseThrow());
        }

        void add(Chunk chunk, BufferPool pool) {
            checks.opened();
            lane.execute(() -> hash(chunk, pool));
        }

        private void hash(Chunk chunk, BufferPool pool) {
            try {
                if (!stopped) {
                    digest.update(chunk.buffer.duplicate());
                    if (chunk.lastOfSpan) {
                        compare();
                    }
                }
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                chunk.release(pool);
                checks.closed();
            }
        }

        private void compare() {
            String actual = digest.hex();
            String expected = span.checksum().orElseThrow();
            if (!RangeHasher.matches(actual, expected)) {
                fail(new CommandException("checksum mismatch for blocks range " + span.firstBlock() + "-"
                        + span.lastBlock() + ": calculated " + actual + ", should be " + expected
                        + " (image file " + job.image().name() + ")"));
            }
        }
    }

    /** Counts chunks handed to the verify threads and not yet done, so the end can wait for them. */
    private static final class Checks {
        private long open;

        synchronized void opened() {
            open++;
        }

        synchronized void closed() {
            open--;
            if (open == 0) {
                notifyAll();
            }
        }

        synchronized void awaitAll(CopyEngine engine) throws InterruptedException {
            while (open > 0 && !engine.stopped) {
                wait(100);
            }
        }
    }

    /**
     * Syncs a lane's destination on its own thread every {@link Tuning#syncEveryBytes()} or
     * {@link Tuning#syncEveryNanos()}, so the medium works while the writer goes on, and
     * holds the writer when more than {@link Tuning#maxUnsyncedBytes()} are not yet
     * synced: an interrupted copy then never waits long for its last sync.
     */
    private final class PeriodicSync implements Runnable {
        private final Lane lane;
        private final Destination destination;
        private final Thread thread;
        private long bytes;
        private long syncing;
        private long synced;
        private boolean finished;

        PeriodicSync(Lane lane) {
            this.lane = lane;
            this.destination = lane.destination;
            this.thread = daemon("bmaptool-sync").newThread(this);
        }

        void start() {
            thread.start();
        }

        synchronized void wrote(long count) throws InterruptedException {
            bytes += count;
            if (bytes - syncing >= tuning.syncEveryBytes()) {
                notifyAll();
            }
            while (bytes - synced > tuning.maxUnsyncedBytes() && !stopped && !finished && lane.failure == null) {
                wait(100);
            }
        }

        /** Stops the thread and waits for a sync in progress, so the final sync and close do not race it. */
        void finish() {
            synchronized (this) {
                finished = true;
                notifyAll();
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            long lastSync = System.nanoTime();
            while (true) {
                long mark;
                synchronized (this) {
                    while (!finished && !due(lastSync)) {
                        long waitNanos = tuning.syncEveryNanos() - (System.nanoTime() - lastSync);
                        try {
                            wait(Math.max(1, waitNanos / 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (finished) {
                        return;
                    }
                    mark = bytes;
                    syncing = mark;
                }
                try {
                    destination.sync();
                } catch (RuntimeException e) {
                    dropped(lane, new CommandException("cannot synchronize '" + destination.name() + "': "
                            + reason(e), e));
                    synchronized (this) {
                        notifyAll();
                    }
                    return;
                }
                lastSync = System.nanoTime();
                synchronized (this) {
                    synced = mark;
                    notifyAll();
                }
            }
        }

        private boolean due(long lastSync) {
            return bytes - syncing >= tuning.syncEveryBytes()
                    || bytes > syncing && System.nanoTime() - lastSync >= tuning.syncEveryNanos();
        }
    }
}
