package org.bmaptool.app.copy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bmaptool.app.common.Interruptions;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.pipeline.Cancelled;
import org.bmaptool.app.pipeline.CopyPipeline;
import org.bmaptool.app.pipeline.Outcome;
import org.bmaptool.app.pipeline.Tuning;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.Phase;
import org.bmaptool.app.report.Report;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.DestinationsRefused;
import org.bmaptool.ports.source.ImageSource;

/**
 * The {@code copy} use case: finds the bmap and checks it in full (its own checksum, its
 * sizes against the image), all before the destinations are opened; then runs the
 * {@link CopyPipeline} from the image to every destination, zeroes the unmapped ranges
 * if asked, syncs, reads back if asked,
 * and reports as upstream bmaptool 3.9 does. Ctrl-C and SIGTERM stop the copy cleanly
 * ({@link CopyInterruption}).
 */
public final class CopyImage {
    private final Ports ports;
    private final Report console;
    private final Interruptions interruptions;
    private final Tuning tuning;

    public CopyImage(Ports ports, Report console, Interruptions interruptions) {
        this(ports, console, interruptions, Tuning.DEFAULT);
    }

    /** A copy with its own pipeline sizes (tests use small ones). */
    public CopyImage(Ports ports, Report console, Interruptions interruptions, Tuning tuning) {
        this.ports = ports;
        this.console = console;
        this.interruptions = interruptions;
        this.tuning = tuning;
    }

    public void run(CopyRequest request) {
        CopyChecks.checkRequest(request, ports.destinations());
        Optional<Bmap> bmap = request.noBmap() ? Optional.empty() : Optional.of(new BmapLookup(ports, console)
                .find(request));
        if (request.readBack()) {
            CopyChecks.checkReadBack(bmap.orElseThrow());
        }
        if (request.zeroUnmapped() && bmap.isEmpty()) {
            // Not refused: a script that always asks for it gets what it asked, the image everywhere.
            console.info("--zero-unmapped: without a bmap the whole image is written, there is nothing to zero");
        }
        // One pool hashes for the copy and the read-back: at least the pipeline's threads.
        try (ImageSource image = ImageOpening.open(ports, request.image());
             RangeHasher hasher = new RangeHasher(Math.max(tuning.hashThreads(),
                     Runtime.getRuntime().availableProcessors()))) {
            OptionalLong imageSize = CopyChecks.checkedImageSize(bmap, image);
            // The pipeline exists before the destination opens: a signal may come at any time.
            List<CopyProgress> listeners = new ArrayList<>();
            CopyProgress progress = CopyProgress.all(listeners);
            ImageTail tail = new ImageTail(image);
            try (CopyPipeline pipeline = new CopyPipeline(tuning, progress, hasher, CopyFailures::explain)) {
                interruptions.guard(() -> {
                    pipeline.cancel();
                    tail.cancel();
                }, () -> copy(request, bmap, image, imageSize, new Run(pipeline, tail, listeners, progress, hasher)));
            }
        } catch (IOException e) {
            // Only closing the image lands here, after everything read was used.
            console.debug("cannot close '" + request.image().masked() + "': " + e.getMessage());
        }
    }

    /** What one copy runs with. */
    private record Run(CopyPipeline pipeline, ImageTail tail, List<CopyProgress> listeners, CopyProgress progress,
                       RangeHasher hasher) {
    }

    private void copy(CopyRequest request, Optional<Bmap> bmap, ImageSource image, OptionalLong imageSize, Run run) {
        long mappedSize = bmap.map(b -> b.header().mappedBytes()).orElse(imageSize.orElse(0));
        // A negative size tells the destination that it is not known (a stream without a bmap).
        List<Destination> destinations = openAll(request, imageSize.orElse(-1), image.name());
        RuntimeException primary = null;
        CopyProgress display = null;
        try {
            destinations.forEach(destination -> destination.warnings().forEach(console::warning));
            long started = System.nanoTime();
            if (bmap.isPresent()) {
                CopyWords.describe(console, bmap.get(), request, destinations);
            } else {
                console.info("no bmap given, copy entire image to " + CopyWords.quoted(request.destinations()));
            }
            display = console.copyProgress(request.progressPlan(), CopyWords.names(request), mappedSize,
                    bmap.isPresent() || imageSize.isPresent());
            run.listeners().add(display);
            DestinationResults results = new DestinationResults(destinations, started);
            run.listeners().add(results);
            boolean complete = false;
            Outcome outcome;
            try {
                outcome = CopyJob.run(run.pipeline(), request, bmap, image, destinations, imageSize);
                complete = true;
            } catch (Cancelled e) {
                run.progress().ended(false);
                destinations.forEach(destination -> Finishing.syncWhatWasWritten(console, destination));
                throw new Interrupted("interrupted, exiting: the copy of '" + image.name() + "' to "
                        + CopyWords.quoted(request.destinations()) + " is incomplete", e);
            } catch (CommandException e) {
                if (destinations.size() > 1 && results.allFailed()) {
                    // Every destination failed to write: the summary says how each did.
                    run.progress().ended(false);
                    results.report(console, false, false);
                    throw new CommandException("every destination failed", e);
                }
                throw e;
            } finally {
                run.progress().ended(complete);
            }
            long copied = bmap.isPresent() ? mappedSize : outcome.bytesWritten();
            results.copied(outcome);
            Finishing finishing = new Finishing(console, run.pipeline(), results, display);
            long zeroing = 0;
            if (request.zeroUnmapped() && bmap.isPresent()) {
                try {
                    zeroing = finishing.zeroUnmapped(bmap.get(), request);
                } catch (Cancelled e) {
                    destinations.forEach(destination -> Finishing.syncWhatWasWritten(console, destination));
                    throw new Interrupted("interrupted, exiting: the unmapped ranges of "
                            + CopyWords.quoted(request.destinations()) + " are not all zeroed", e);
                }
            }
            display.phase(Phase.SYNC);
            // The image's end is read while the destinations sync: mostly holes, it costs no wall time there.
            run.tail().start(bmap.map(b -> b.header().imageSize()).orElse(imageSize.orElse(-1)));
            try {
                finishing.synchronize();
            } catch (RuntimeException e) {
                run.tail().cancel();
                throw e;
            }
            CopyChecks.checkTail(run.tail(), request, bmap, image);
            if (destinations.size() == 1) {
                // The copy's own time: the zeroing has its line.
                double seconds = Math.max((System.nanoTime() - started - zeroing) / 1e9, 1e-9);
                console.info("copying time: " + HumanSize.seconds(seconds) + ", copying speed "
                        + HumanSize.bytes((long) (copied / seconds)) + "/sec");
            }
            if (request.readBack()) {
                display.phase(Phase.READ_BACK);
                finishing.readBack(bmap.orElseThrow(), request, ports.readBack(), run.hasher());
            }
            if (destinations.size() > 1) {
                results.report(console, request.readBack(), request.zeroUnmapped() && bmap.isPresent());
                long failed = results.failedCount();
                if (failed > 0) {
                    throw new CommandException(failed + " of " + destinations.size() + " destinations failed: "
                            + results.failedNames() + "; the others were written" + (request.readBack()
                            ? " and verified" : ""));
                }
            }
        } catch (RuntimeException e) {
            primary = e;
            if (display != null) {
                display.failedAll(e.getMessage());
            }
            throw e;
        } finally {
            if (display != null) {
                display.close();
            }
            closeAll(destinations, primary);
        }
    }

    /**
     * Opens every destination, each with every safety check, before the first write: for
     * one, upstream's open, errors unchanged; for several, all or none (the port undoes
     * what it opened and created), each refusal told.
     */
    private List<Destination> openAll(CopyRequest request, long imageSize, String imageName) {
        List<DestinationRequest> each = request.destinations().stream()
                .map(path -> new DestinationRequest(path, imageSize, request.removableDevice(), imageName)).toList();
        if (each.size() == 1) {
            return List.of(ports.destinations().open(each.get(0)));
        }
        try {
            return ports.destinations().openAll(each);
        } catch (DestinationsRefused refused) {
            refused.warnings().forEach(console::warning);
            refused.refusals().forEach(console::error);
            throw new CommandException(refused.getMessage(), refused);
        }
    }

    /** Closes every destination (which restores its device tuning), whatever happens to the others. */
    private static void closeAll(List<Destination> destinations, RuntimeException primary) {
        RuntimeException first = null;
        for (Destination destination : destinations) {
            try {
                destination.close();
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
