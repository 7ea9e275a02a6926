package org.bmaptool.app.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.common.Interruptions;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.Phase;
import org.bmaptool.app.report.Report;
import org.bmaptool.app.common.ExplicitFile;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.pipeline.Cancelled;
import org.bmaptool.app.pipeline.CopyPipeline;
import org.bmaptool.app.pipeline.Job;
import org.bmaptool.app.pipeline.Outcome;
import org.bmaptool.app.pipeline.Span;
import org.bmaptool.app.pipeline.Tuning;
import org.bmaptool.app.signature.BmapSignatureCheck;
import org.bmaptool.app.verify.RangeVerifier;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;

/**
 * The {@code copy} use case: finds the bmap and checks it in full (its own checksum, its
 * sizes against the image), all before the destination is opened; then runs the
 * {@link CopyPipeline} from the image to the destination, syncs, and reports as upstream
 * bmaptool 3.9 does. Ctrl-C and SIGTERM stop the copy cleanly ({@link CopyInterruption}).
 */
public final class CopyImage {
    /** Upstream's block size for counting when there is no bmap. */
    private static final int NO_BMAP_BLOCK_SIZE = 4096;

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
        if (request.noBmap() && request.bmap().isPresent()) {
            throw new CommandException("--nobmap and --bmap cannot be used together");
        }
        if (request.image().isStandardInput() && request.bmap().isEmpty() && !request.noBmap()) {
            throw new CommandException("--bmap is required when the image comes from standard input");
        }
        checkNewOptions(request);
        BmapSignatureCheck.checkOptions(request);
        Optional<Bmap> bmap = request.noBmap() ? Optional.empty() : Optional.of(findBmap(request));
        if (request.readBack()) {
            BmapHeader header = bmap.orElseThrow().header();
            boolean unchecked;
            try (Stream<MappedRange> ranges = bmap.get().ranges()) {
                unchecked = ranges.anyMatch(range -> range.checksum().isEmpty());
            }
            if (header.checksumType().isEmpty() || unchecked) {
                throw new CommandException("bmap file '" + bmap.get().name() + "' has no checksums"
                        + (header.checksumType().isEmpty() ? " (format " + header.version().text() + ")"
                        : " for some of its ranges") + ": --read-back has nothing to verify the destination against");
            }
        }
        // One pool hashes for the copy and the read-back: at least the engine's threads.
        try (ImageSource image = ports.sources().open(request.image());
             RangeHasher hasher = new RangeHasher(Math.max(tuning.hashThreads(),
                     Runtime.getRuntime().availableProcessors()))) {
            OptionalLong imageSize = checkedImageSize(bmap, image);
            // The engine exists before the destination opens: a signal may come at any time.
            List<CopyProgress> listeners = new ArrayList<>();
            CopyProgress progress = CopyProgress.all(listeners);
            CopyPipeline engine = new CopyPipeline(tuning, progress, hasher, CopyFailures::explain);
            ImageTail tail = new ImageTail(image);
            interruptions.guard(() -> {
                engine.cancel();
                tail.cancel();
            }, () -> copy(request, bmap, image, imageSize, engine, tail, listeners, progress, hasher));
        } catch (IOException e) {
            // Only closing the image lands here, after everything read was used.
            console.debug("cannot close '" + request.image().masked() + "': " + e.getMessage());
        }
    }

    private void copy(CopyRequest request, Optional<Bmap> bmap, ImageSource image, OptionalLong imageSize,
                      CopyPipeline engine, ImageTail tail, List<CopyProgress> listeners, CopyProgress progress,
                      RangeHasher hasher) {
        long mappedSize = bmap.map(b -> b.header().mappedBytes()).orElse(imageSize.orElse(0));
        // A negative size tells the destination that it is not known (a stream without a bmap).
        List<Destination> destinations = openAll(request, imageSize.orElse(-1), image.name());
        RuntimeException primary = null;
        CopyProgress display = null;
        try {
            destinations.forEach(destination -> destination.warnings().forEach(console::warning));
            long started = System.nanoTime();
            if (bmap.isPresent()) {
                describe(bmap.get(), request, destinations);
            } else {
                console.info("no bmap given, copy entire image to " + quoted(request.destinations()));
            }
            display = console.copyProgress(request.progressPlan(), names(request), mappedSize,
                    bmap.isPresent() || imageSize.isPresent());
            listeners.add(display);
            DestinationResults results = new DestinationResults(destinations, started);
            listeners.add(results);
            boolean complete = false;
            Outcome outcome;
            try {
                outcome = runEngine(engine, request, bmap, image, destinations, imageSize);
                complete = true;
            } catch (Cancelled e) {
                progress.ended(false);
                destinations.forEach(this::syncWhatWasWritten);
                throw new Interrupted("interrupted, exiting: the copy of '" + image.name() + "' to "
                        + quoted(request.destinations()) + " is incomplete", e);
            } catch (CommandException e) {
                if (destinations.size() > 1 && results.allFailed()) {
                    // Every destination failed to write: the summary says how each did.
                    progress.ended(false);
                    results.report(console, false);
                    throw new CommandException("every destination failed", e);
                }
                throw e;
            } finally {
                progress.ended(complete);
            }
            long copied = bmap.isPresent() ? mappedSize : outcome.bytesWritten();
            results.copied(outcome);
            display.phase(Phase.SYNC);
            // The image's end is read while the destinations sync: mostly holes, it costs no wall time there.
            tail.start(bmap.map(b -> b.header().imageSize()).orElse(imageSize.orElse(-1)));
            try {
                synchronize(results, display);
            } catch (RuntimeException e) {
                tail.cancel();
                throw e;
            }
            checkTail(tail, request, bmap, image);
            if (destinations.size() == 1) {
                double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
                console.info("copying time: " + HumanSize.seconds(seconds) + ", copying speed "
                        + HumanSize.bytes((long) (copied / seconds)) + "/sec");
            }
            if (request.readBack()) {
                display.phase(Phase.READ_BACK);
                readBack(bmap.orElseThrow(), results, display, request, hasher);
            }
            if (destinations.size() > 1) {
                results.report(console, request.readBack());
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
     * Opens every destination, each with every safety check, before the first write. For
     * one destination that is upstream's open, errors unchanged. For several, all are
     * tried (devices first, existing regular files, which opening empties, last; none of
     * those once one was refused), and if any is refused, every one opened is closed
     * again, every file this created removed, and nothing is written anywhere.
     */
    private List<Destination> openAll(CopyRequest request, long imageSize, String imageName) {
        if (request.destinations().size() == 1) {
            return List.of(ports.destinations().open(new DestinationRequest(request.destination(), imageSize,
                    request.removableDevice(), imageName)));
        }
        List<Path> paths = request.destinations();
        Destination[] opened = new Destination[paths.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> Files.isRegularFile(paths.get(i)) ? 2
                : Files.exists(paths.get(i)) ? 0 : 1));
        List<Path> created = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int i : order) {
            Path path = paths.get(i);
            if (!refusals.isEmpty() && Files.isRegularFile(path)) {
                refusals.add("'" + path + "' was not opened: opening a file empties it");
                continue;
            }
            boolean existed = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
            try {
                opened[i] = ports.destinations().open(new DestinationRequest(path, imageSize, request.removableDevice(),
                        imageName));
                if (!existed) {
                    created.add(path);
                }
            } catch (PortException e) {
                refusals.add(e.getMessage());
            }
        }
        if (refusals.isEmpty()) {
            return List.of(opened);
        }
        closeAll(java.util.Arrays.stream(opened).filter(java.util.Objects::nonNull).toList(), null);
        for (Path path : created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                console.warning("cannot remove '" + path + "': " + e.getMessage());
            }
        }
        refusals.forEach(console::error);
        throw new CommandException((refusals.size() == 1 ? "a destination was" : refusals.size()
                + " destinations were") + " refused: nothing was written to any of the " + paths.size()
                + " destinations");
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

    /** The final sync of every destination still good, at the same time when there are several. */
    private void synchronize(DestinationResults results, CopyProgress display) {
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
        inParallel(live, i -> {
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
     * cache, and checks it against the bmap's checksums; several destinations at once.
     */
    private void readBack(Bmap bmap, DestinationResults results, CopyProgress display, CopyRequest request,
                          RangeHasher hasher) {
        List<Integer> live = results.live();
        long perDestination = bmap.header().mappedBytes();
        CopyProgress bar = console.verificationProgress(request.progressPlan(), perDestination * live.size());
        AtomicLong verified = new AtomicLong();
        live.forEach(i -> console.info("reading back '" + results.destination(i).name()
                + "' to verify it against bmap file '" + baseName(bmap.name()) + "'"));
        boolean[] complete = {false};
        try {
            inParallel(live, i -> {
                long started = System.nanoTime();
                AtomicLong mine = new AtomicLong();
                try (ImageSource medium = ports.readBack().open(Path.of(results.destination(i).name()))) {
                    new RangeVerifier(hasher).verify(bmap, medium, bytes -> {
                        long total = verified.addAndGet(bytes);
                        long own = mine.addAndGet(bytes);
                        bar.written(total);
                        display.readBack(i, own);
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
            complete[0] = true;
        } finally {
            bar.ended(complete[0]);
        }
        if (results.size() == 1 && results.failedCount() == 0) {
            long nanos = results.readBackNanos(0);
            double seconds = Math.max(nanos / 1e9, 1e-9);
            console.info("read back and verified " + bmap.header().mappedBlocksCount() + " mapped blocks ("
                    + HumanSize.bytes(perDestination) + ") of '" + results.destination(0).name() + "' in "
                    + HumanSize.seconds(seconds) + ", " + HumanSize.bytes((long) (perDestination / seconds))
                    + "/sec: every checksum matches");
        }
    }

    /** Runs {@code task} for each index, on a thread each when there are several; rethrows the first RuntimeException. */
    private static void inParallel(List<Integer> indexes, java.util.function.IntConsumer task) {
        if (indexes.size() == 1) {
            task.accept(indexes.get(0));
            return;
        }
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i : indexes) {
            Thread thread = new Thread(() -> {
                try {
                    task.accept(i);
                } catch (RuntimeException e) {
                    error.compareAndSet(null, e);
                }
            }, "bmaptool-destination-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Interrupted("interrupted, exiting", e);
            }
        }
        if (error.get() != null) {
            throw error.get();
        }
    }

    private Outcome runEngine(CopyPipeline engine, CopyRequest request, Optional<Bmap> bmap,
                                         ImageSource image, List<Destination> destinations, OptionalLong imageSize) {
        if (bmap.isEmpty()) {
            long end = imageSize.orElse(Long.MAX_VALUE);
            Iterator<Span> whole = List.of(new Span(0,
                    Math.max(0, (end - 1) / NO_BMAP_BLOCK_SIZE), 0, end, Optional.empty())).iterator();
            return engine.run(new Job(image, destinations, whole, NO_BMAP_BLOCK_SIZE, Optional.empty(),
                    true));
        }
        BmapHeader header = bmap.get().header();
        Optional<ChecksumType> verifyWith = request.noVerify() ? Optional.empty() : header.checksumType();
        try (Stream<MappedRange> ranges = bmap.get().ranges()) {
            Iterator<Span> spans = ranges.map(range -> new Span(range.blocks().first(),
                    range.blocks().last(), range.blocks().startByte(header.blockSize()),
                    range.blocks().endByte(header.blockSize(), header.imageSize()), range.checksum())).iterator();
            Outcome outcome = engine.run(new Job(image, destinations, spans,
                    header.blockSize(), verifyWith, false));
            if (outcome.blocksRead() != header.mappedBlocksCount()) {
                String where = destinations.size() == 1 ? "'" + destinations.get(0).name() + "'"
                        : quoted(request.destinations());
                throw new CommandException("wrote " + outcome.blocksRead() + " blocks from image '" + image.name()
                        + "' to " + where + ", but should have " + header.mappedBlocksCount()
                        + " - bmap file '" + bmap.get().name() + "' does not belong to this image");
            }
            return outcome;
        }
    }

    /**
     * Fails when reading the image to its end found it corrupt (a compressed stream whose
     * trailer or end does not check out, or bytes after it) or of another size than its
     * bmap says: the copy cannot be trusted, even where the mapped blocks were verified.
     */
    private void checkTail(ImageTail tail, CopyRequest request, Optional<Bmap> bmap, ImageSource image) {
        ImageTail.Outcome outcome;
        try {
            outcome = tail.await();
        } catch (Cancelled e) {
            throw new Interrupted("interrupted, exiting: '" + image.name() + "' was written to "
                    + quoted(request.destinations()) + " but not read to its end, so it is not known to be intact", e);
        }
        String untrusted = "the image is corrupt and what was written to " + quoted(request.destinations())
                + " cannot be trusted";
        RuntimeException failure = outcome.failure();
        if (failure != null) {
            // A decoder's failure is a whole line naming the file; a read error is only its cause.
            String cause = failure instanceof PortException && ((PortException) failure).subject().isEmpty()
                    ? failure.getMessage()
                    : "error while reading image file '" + image.name() + "' after its last mapped block: "
                    + PortException.reasonOf(failure);
            throw new CommandException(cause + "; " + untrusted, failure);
        }
        if (bmap.isPresent() && outcome.size().isPresent()
                && outcome.size().getAsLong() != bmap.get().header().imageSize()) {
            long actual = outcome.size().getAsLong();
            long expected = bmap.get().header().imageSize();
            throw new CommandException("image file '" + image.name() + "' has " + actual + " bytes ("
                    + HumanSize.bytes(actual) + ") but bmap file '" + bmap.get().name()
                    + "' describes an image of " + expected + " bytes (" + HumanSize.bytes(expected)
                    + "): the bmap does not belong to this image, or " + untrusted);
        }
    }

    /** This project's options: read-back needs a bmap, the progress file JSON, and no destination comes twice. */
    private static void checkNewOptions(CopyRequest request) {
        if (request.readBack() && request.noBmap()) {
            throw new CommandException("--read-back needs a bmap with checksums: it cannot be used with --nobmap");
        }
        if (request.progressFile().isPresent() && request.progressFormat() != CopyRequest.ProgressFormat.JSON) {
            throw new CommandException("--progress-file is where --progress=json writes: give --progress=json too");
        }
        List<Path> paths = request.destinations();
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (sameDestination(paths.get(i), paths.get(j))) {
                    throw new CommandException("'" + paths.get(i) + "' and '" + paths.get(j)
                            + "' are the same destination: give each destination once");
                }
            }
        }
    }

    private static boolean sameDestination(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Upstream's three lines: format version, sizes, and what goes where. */
    private void describe(Bmap bmap, CopyRequest request, List<Destination> destinations) {
        BmapHeader header = bmap.header();
        console.info("block map format version " + header.version().text());
        console.info(header.blocksCount() + " blocks of size " + header.blockSize() + " ("
                + HumanSize.bytes(header.imageSize()) + "), mapped " + header.mappedBlocksCount()
                + " blocks (" + HumanSize.bytes(header.mappedBytes()) + " or "
                + HumanSize.percent(header.blocksCount() == 0 ? 0 : header.mappedBlocksCount() * 100.0
                / header.blocksCount()) + ")");
        List<String> each = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            Path path = request.destinations().get(i);
            each.add(destinations.get(i).kind() == DestinationKind.BLOCK_DEVICE ? "block device '" + path + "'"
                    : "file '" + baseName(path.toString()) + "'");
        }
        String where = each.size() == 1 ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
        console.info("copying image '" + baseName(request.image().masked()) + "' to " + where
                + " using bmap file '" + baseName(bmap.name()) + "'");
    }

    /** 'a', 'b' and 'c'. */
    private static String quoted(List<Path> paths) {
        List<String> each = paths.stream().map(path -> "'" + path + "'").toList();
        return each.size() == 1 ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
    }

    private static List<String> names(CopyRequest request) {
        return request.destinations().stream().map(Path::toString).toList();
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** After a cancel: what reached the destination goes to the medium before the tuning is undone. */
    private void syncWhatWasWritten(Destination destination) {
        try {
            destination.sync();
        } catch (RuntimeException e) {
            console.warning("cannot synchronize '" + destination.name() + "': " + e.getMessage());
        }
    }

    /** The image size the copy writes: the bmap's, which a known image size must match; else the image's own, if known. */
    private static OptionalLong checkedImageSize(Optional<Bmap> bmap, ImageSource image) {
        OptionalLong actual = image.size();
        if (bmap.isEmpty()) {
            return actual;
        }
        long expected = bmap.get().header().imageSize();
        if (actual.isPresent() && actual.getAsLong() != expected) {
            throw new CommandException("image file '" + image.name() + "' has " + actual.getAsLong() + " bytes ("
                    + HumanSize.bytes(actual.getAsLong()) + ") but bmap file '" + bmap.get().name()
                    + "' describes an image of " + expected + " bytes (" + HumanSize.bytes(expected)
                    + "): the bmap does not belong to this image");
        }
        return OptionalLong.of(expected);
    }

    private Bmap findBmap(CopyRequest request) {
        if (request.bmap().isPresent()) {
            Location bmap = request.bmap().get();
            if (bmap.equals(request.image())) {
                throw new CommandException("Make sure you are writing your image and not the bmap file "
                        + "(you specified the same path for them)");
            }
            return read(request, bmap, ExplicitFile.read(ports.sources(), bmap, "bmap file"));
        }
        for (Location candidate : BmapDiscovery.candidates(request.image(), Optional.empty())) {
            // Not there (no such file, HTTP 404) means: try the next name.
            Optional<byte[]> bytes = ports.sources().readIfExists(candidate);
            if (bytes.isPresent()) {
                console.info("discovered bmap file '" + candidate.masked() + "'");
                return read(request, candidate, bytes.get());
            }
        }
        // Upstream opens the image first: a missing image is told as such, not as a missing bmap.
        try (ImageSource image = ports.sources().open(request.image())) {
            console.debug("image '" + image.name() + "' opens, but no bmap was found beside it");
        } catch (IOException e) {
            console.debug("cannot close '" + request.image() + "': " + e.getMessage());
        }
        throw new CommandException("bmap file not found, please, use --nobmap option to flash without bmap");
    }

    private Bmap read(CopyRequest request, Location location, byte[] bytes) {
        byte[] verified = new BmapSignatureCheck(ports, console).verifiedBmap(request, location, bytes);
        return BmapReader.read(BmapSource.of(location.masked(), verified));
    }
}
