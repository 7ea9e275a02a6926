package org.bmaptool.app.copy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.pipeline.Cancelled;
import org.bmaptool.app.pipeline.CopyPipeline;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.Phase;
import org.bmaptool.app.report.Report;
import org.bmaptool.app.verify.UnmappedRanges;
import org.bmaptool.app.verify.VerifyDestination;
import org.bmaptool.app.verify.ZeroedSample;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.readback.UncachedReader;

/**
 * What follows the copy for each destination still good: with {@code --zero-unmapped} the
 * zeroing of the ranges the bmap does not map, the final sync and, with
 * {@code --read-back}, the verification from the medium ({@link VerifyDestination#check}),
 * several destinations at once on the pipeline's executor. With several destinations one
 * that fails here is dropped; with one, its failure is the command's.
 */
final class Finishing {
    private final Report console;
    private final CopyPipeline pipeline;
    private final DestinationResults results;
    private final CopyProgress display;
    /** The most one zeroing call asks of a destination: progress moves, a signal is heard, between two. */
    private static final long ZERO_PIECE = 256L << 20;

    Finishing(Report console, CopyPipeline pipeline, DestinationResults results, CopyProgress display) {
        this.console = console;
        this.pipeline = pipeline;
        this.results = results;
        this.display = display;
    }

    /**
     * Zeroes the unmapped ranges of every destination still good ({@link
     * org.bmaptool.ports.destination.Destination#zero}), in pieces of at most {@value #ZERO_PIECE}
     * bytes so that progress moves and a signal stops it between two, several destinations
     * at once. Returns the nanoseconds it took (the slowest destination's).
     *
     * @throws Cancelled when the copy was cancelled meanwhile
     */
    long zeroUnmapped(Bmap bmap, CopyRequest request) {
        long started = System.nanoTime();
        UnmappedRanges.Totals unmapped = UnmappedRanges.count(bmap);
        List<Integer> live = results.live();
        live.forEach(i -> console.info("zeroing " + unmapped.ranges() + " unmapped ranges (" + HumanSize.bytes(unmapped.bytes())
                + ") of '" + results.destination(i).name() + "'"));
        display.zeroing(unmapped.bytes());
        display.phase(Phase.ZERO);
        CopyProgress bar = console.zeroingProgress(request.progressPlan(), unmapped.bytes() * live.size());
        AtomicLong zeroed = new AtomicLong();
        boolean complete = false;
        try {
            pipeline.inParallel(live, i -> {
                long begun = System.nanoTime();
                long[] done = {0};
                try {
                    UnmappedRanges.forEach(bmap, range -> {
                        for (long at = range.start(); at < range.end(); at += ZERO_PIECE) {
                            if (pipeline.cancelled()) {
                                throw new Cancelled();
                            }
                            long end = Math.min(range.end(), at + ZERO_PIECE);
                            zeroPiece(i, at, end);
                            done[0] += end - at;
                            bar.written(zeroed.addAndGet(end - at));
                            display.zeroed(i, done[0]);
                        }
                    });
                    results.zeroTook(i, System.nanoTime() - begun);
                } catch (CommandException e) {
                    failOne(i, e);
                }
            });
            complete = true;
        } finally {
            bar.ended(complete);
        }
        long nanos = System.nanoTime() - started;
        if (results.size() == 1 && results.failedCount() == 0) {
            console.info("zeroed " + unmapped.ranges() + " unmapped ranges (" + HumanSize.bytes(unmapped.bytes()) + ") of '"
                    + results.destination(0).name() + "' in " + HumanSize.seconds(Math.max(nanos / 1e9, 1e-9)));
        }
        return nanos;
    }

    /**
     * A destination's failure after the copy: the command's own when it is the only one;
     * with several, it is recorded and told, and the others go on.
     */
    private void failOne(int index, RuntimeException e) {
        if (results.size() == 1) {
            throw e;
        }
        results.failed(index, e.getMessage());
        display.destinationFailed(index, e.getMessage());
    }

    private void zeroPiece(int index, long start, long end) {
        try {
            results.destination(index).zero(start, end);
        } catch (PortException e) {
            throw new CommandException("cannot zero the unmapped bytes " + start + "-" + (end - 1) + " of '"
                    + results.destination(index).name() + "': " + e.getMessage(), e);
        }
    }

    /** The final sync of every destination still good, at the same time when there are several. */
    void synchronize() {
        List<Integer> live = results.live();
        live.forEach(i -> console.info("synchronizing '" + results.destination(i).name() + "'"));
        if (results.size() == 1) {
            try {
                results.destination(0).sync();
            } catch (PortException e) {
                throw new CommandException("cannot synchronize '" + results.destination(0).name() + "': "
                        + e.getMessage(), e);
            }
            results.synced(0);
            return;
        }
        pipeline.inParallel(live, i -> {
            try {
                results.destination(i).sync();
                results.synced(i);
            } catch (RuntimeException e) {
                results.failed(i, "cannot synchronize '" + results.destination(i).name() + "': " + e.getMessage());
                display.destinationFailed(i, results.failure(i));
            }
        });
    }

    /**
     * Reads every mapped range back from each destination still good, past the page
     * cache, from the location the request gave, and checks it against the bmap's checksums.
     */
    void readBack(Bmap bmap, CopyRequest request, UncachedReader reader, RangeHasher hasher) {
        List<Integer> live = results.live();
        long perDestination = bmap.header().mappedBytes();
        CopyProgress bar = console.verificationProgress(request.progressPlan(), perDestination * live.size());
        AtomicLong verified = new AtomicLong();
        AtomicLong sampled = new AtomicLong();
        live.forEach(i -> console.info("reading back '" + results.destination(i).name()
                + "' to verify it against bmap file '" + CopyWords.baseName(bmap.name()) + "'"));
        boolean complete = false;
        try {
            pipeline.inParallel(live, i -> {
                long started = System.nanoTime();
                AtomicLong mine = new AtomicLong();
                try {
                    VerifyDestination.check(reader, request.destinations().get(i), bmap, hasher, medium -> { },
                            bytes -> {
                                bar.written(verified.addAndGet(bytes));
                                display.readBack(i, mine.addAndGet(bytes));
                            });
                    if (request.zeroUnmapped()) {
                        sampled.addAndGet(ZeroedSample.check(reader, request.destinations().get(i), bmap));
                    }
                    results.verified(i, mine.get(), System.nanoTime() - started);
                } catch (IOException e) {
                    results.verified(i, mine.get(), System.nanoTime() - started);
                } catch (RuntimeException e) {
                    failOne(i, e);
                }
            });
            complete = true;
        } finally {
            bar.ended(complete);
        }
        if (results.size() == 1 && results.failedCount() == 0) {
            double seconds = Math.max(results.readBackNanos(0) / 1e9, 1e-9);
            console.info("read back and verified " + bmap.header().mappedBlocksCount() + " mapped blocks ("
                    + HumanSize.bytes(perDestination) + ") of '" + results.destination(0).name() + "' in "
                    + HumanSize.seconds(seconds) + ", " + HumanSize.bytes((long) (perDestination / seconds))
                    + "/sec: every checksum matches" + (request.zeroUnmapped() ? "; " + HumanSize.bytes(sampled.get())
                    + " sampled of the zeroed ranges are zeros" : ""));
        }
    }

    /** After a cancel: what reached the destination goes to the medium before the tuning is undone. */
    static void syncWhatWasWritten(Report console, Destination destination) {
        try {
            destination.sync();
        } catch (RuntimeException e) {
            console.warning("cannot synchronize '" + destination.name() + "': " + e.getMessage());
        }
    }
}
