package org.bmaptool.io.compression.parallel;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The units cut ahead of the reader, in file order, each held one decoding on a worker of
 * a small pool. Memory stays bounded: units are cut only while few are in flight and
 * their compressed and decoded bytes stay under a limit, and the cutting waits while a
 * streamed unit (read from the file as it is decoded) is being read through.
 */
final class InFlightUnits {
    /** No more units are read while this many compressed bytes are in flight. */
    private static final long COMPRESSED_IN_FLIGHT = 128L << 20;
    /** Beyond one unit per worker, no more are cut while their decoded bytes may take this much. */
    private static final long HELD_IN_FLIGHT = 16L << 20;
    /** Threads that decode: all cores but the reader's, and at least two. */
    static final int WORKERS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() - 1));

    private final CompressedUnits units;
    private final PieceArrays arrays;
    private final ThreadPoolExecutor pool;
    private final ArrayDeque<UnitInFlight> pending = new ArrayDeque<>();
    private long compressedInFlight;
    /** The most decoded bytes the units in flight may hold. */
    private long heldInFlight;
    private boolean cutEnded;
    /** Whether the cutting waits for a streamed unit to be read through. */
    private boolean cutWaits;

    InFlightUnits(CompressedUnits units, PieceArrays arrays) {
        this.units = units;
        this.arrays = arrays;
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(WORKERS, WORKERS, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, units.formatName() + " decoder " + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Idle workers end by themselves, also when the stream is dropped without a close.
        pool.allowCoreThreadTimeOut(true);
    }

    /** The unit the reader is at, once enough are in flight; null after the last. */
    UnitInFlight head() {
        topUp();
        return pending.peekFirst();
    }

    /** The unit the reader is at, as it was last returned by {@link #head()}. */
    UnitInFlight current() {
        return pending.getFirst();
    }

    /** The head unit has been read through. */
    void removeHead() {
        UnitInFlight head = pending.removeFirst();
        compressedInFlight -= head.unit.length();
        heldInFlight -= head.held;
    }

    /** The streamed unit at the head was decoded and checked: the cutting goes on after it. */
    void removeStreamedHead() {
        removeHead();
        cutWaits = false;
    }

    /** The head unit is a rest, decoded on the reader's thread: nothing is in flight any more. */
    void clearForRest() {
        pending.clear();
    }

    /**
     * Starts decoding units until enough are in flight: one for each worker and two more
     * at least, so that a worker that finishes while the reader is still on the head unit
     * goes on with another rather than waiting (for xz -T blocks of 24 MiB, 6% of the wall
     * time of a copy); twice as many while they are small (pbzip2's).
     */
    private void topUp() {
        while (!cutEnded && !cutWaits && (pending.size() <= WORKERS + 1
                || pending.size() <= 2 * WORKERS && heldInFlight < HELD_IN_FLIGHT)
                && compressedInFlight < COMPRESSED_IN_FLIGHT) {
            cutNext();
        }
    }

    /** Cuts the next unit and starts its decoding; a broken structure becomes a failed unit, met in turn. */
    private void cutNext() {
        CompressedUnit unit;
        try {
            unit = units.next();
        } catch (IOException | RuntimeException e) {
            cutEnded = true;
            pending.add(UnitInFlight.failed(e instanceof UnitDecodingException ? e
                    : new UnitDecodingException(units.position(), e)));
            return;
        }
        if (unit == null) {
            cutEnded = true;
            return;
        }
        UnitInFlight added = new UnitInFlight(unit);
        pending.add(added);
        compressedInFlight += unit.length();
        heldInFlight += added.held;
        switch (unit.kind()) {
            case REST -> cutEnded = true;
            case STREAMED -> cutWaits = true; // the file is read on only as it is decoded
            case HELD -> added.task = pool.submit(() -> added.decode(units, arrays));
        }
    }

    /**
     * For a head unit that broke off at its very end: when a unit follows it (cut now if
     * none is yet), every unit in flight from the head on, all cancelled, for a sequential
     * decoder to start over from; else null.
     */
    List<UnitInFlight> cancelIfFollowed() {
        if (pending.size() == 1 && !cutEnded) {
            cutNext();
        }
        boolean followed = pending.size() > 1 && pending.getLast().unit.length() > 0;
        if (!followed) {
            return null;
        }
        List<UnitInFlight> from = new ArrayList<>(pending);
        cancelAll();
        return from;
    }

    private void cancelAll() {
        for (UnitInFlight each : pending) {
            if (each.task != null) {
                each.task.cancel(true);
            }
        }
        pending.clear();
        compressedInFlight = 0;
        heldInFlight = 0;
        cutEnded = true;
    }

    /** Cancels every unit and waits for the workers to end, so that none outlives the stream. */
    void close() {
        cancelAll();
        pool.shutdownNow();
        // Closed by an interrupted reader too: wait all the same, then pass the interrupt on.
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
