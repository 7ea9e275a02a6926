package org.bmaptool.app.copy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.pipeline.CopyPipeline;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.Report;
import org.bmaptool.app.verify.VerifyDestination;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.readback.UncachedReader;

/**
 * What follows the copy for each destination still good: the final sync and, with
 * {@code --read-back}, the verification from the medium ({@link VerifyDestination#check}),
 * several destinations at once on the pipeline's executor. With several destinations one
 * that fails here is dropped; with one, its failure is the command's.
 */
final class Finishing {
    private final Report console;
    private final CopyPipeline pipeline;
    private final DestinationResults results;
    private final CopyProgress display;

    Finishing(Report console, CopyPipeline pipeline, DestinationResults results, CopyProgress display) {
        this.console = console;
        this.pipeline = pipeline;
        this.results = results;
        this.display = display;
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
                    results.verified(i, mine.get(), System.nanoTime() - started);
                } catch (IOException e) {
                    results.verified(i, mine.get(), System.nanoTime() - started);
                } catch (RuntimeException e) {
                    if (results.size() == 1) {
                        throw e;
                    }
                    results.failed(i, e.getMessage());
                    display.destinationFailed(i, e.getMessage());
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
                    + "/sec: every checksum matches");
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
