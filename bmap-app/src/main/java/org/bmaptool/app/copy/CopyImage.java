package org.bmaptool.app.copy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.bmaptool.app.CommandException;
import org.bmaptool.app.Console;
import org.bmaptool.app.Ports;
import org.bmaptool.app.signature.BmapSignatureCheck;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.source.ImageSource;

/**
 * The {@code copy} use case: finds the bmap and checks it in full (its own checksum, its
 * sizes against the image), all before the destination is opened; then runs the
 * {@link CopyEngine} from the image to the destination, syncs, and reports as upstream
 * bmaptool 3.9 does. Ctrl-C and SIGTERM stop the copy cleanly ({@link CopyInterruption}).
 */
public final class CopyImage {
    /** Upstream's block size for counting when there is no bmap. */
    private static final int NO_BMAP_BLOCK_SIZE = 4096;

    private final Ports ports;
    private final Console console;
    private final CopyEngine.Tuning tuning;

    public CopyImage(Ports ports, Console console) {
        this(ports, console, CopyEngine.Tuning.DEFAULT);
    }

    /** A copy with its own pipeline sizes (tests use small ones). */
    public CopyImage(Ports ports, Console console, CopyEngine.Tuning tuning) {
        this.ports = ports;
        this.console = console;
        this.tuning = tuning;
    }

    public void run(CopyRequest request) {
        if (request.noBmap() && request.bmap().isPresent()) {
            throw new CommandException("--nobmap and --bmap cannot be used together");
        }
        if ("-".equals(request.image()) && request.bmap().isEmpty() && !request.noBmap()) {
            throw new CommandException("--bmap is required when the image comes from standard input");
        }
        BmapSignatureCheck.checkOptions(request);
        Optional<Bmap> bmap = request.noBmap() ? Optional.empty() : Optional.of(findBmap(request));
        try (ImageSource image = ports.sources().open(request.image())) {
            OptionalLong imageSize = checkedImageSize(bmap, image);
            // The engine exists before the destination opens: a signal may come at any time.
            List<CopyProgress> listeners = new ArrayList<>();
            CopyProgress progress = CopyProgress.all(listeners);
            CopyEngine engine = new CopyEngine(tuning, progress);
            CopyInterruption interruption = CopyInterruption.install(engine::cancel);
            try {
                copy(request, bmap, image, imageSize, engine, listeners, progress);
            } catch (RuntimeException e) {
                if (interruption.fired()) {
                    // The VM is going down: report here; the hook exits once we settle.
                    console.error(e.getMessage());
                    interruption.settle(e instanceof CommandException
                            ? ((CommandException) e).exitCode() : CommandException.INTERRUPTED);
                }
                throw e;
            } finally {
                interruption.close();
            }
            if (interruption.fired()) {
                interruption.settle(0);
            }
        } catch (IOException e) {
            // Only closing the image lands here, after everything read was used.
            console.debug("cannot close '" + ports.sources().displayName(request.image()) + "': " + e.getMessage());
        }
    }

    private void copy(CopyRequest request, Optional<Bmap> bmap, ImageSource image, OptionalLong imageSize,
                      CopyEngine engine, List<CopyProgress> listeners, CopyProgress progress) {
        long mappedSize = bmap.map(b -> b.header().mappedBytes()).orElse(imageSize.orElse(0));
        // A negative size tells the destination that it is not known (a stream without a bmap).
        try (Destination destination = ports.destinations().open(new DestinationRequest(request.destination(),
                imageSize.orElse(-1), request.removableDevice()))) {
            destination.warnings().forEach(console::warning);
            long started = System.nanoTime();
            if (bmap.isPresent()) {
                describe(bmap.get(), request, destination);
            } else {
                console.info("no bmap given, copy entire image to '" + request.destination() + "'");
            }
            if (console.showsProgress()) {
                listeners.add(new TerminalProgress(console.err(), mappedSize, System::nanoTime));
            }
            request.psplashPipe().flatMap(pipe -> PsplashProgress.open(pipe, mappedSize, console))
                    .ifPresent(listeners::add);
            boolean complete = false;
            try {
                runEngine(engine, request, bmap, image, destination, imageSize);
                complete = true;
            } catch (CopyEngine.Cancelled e) {
                progress.ended(false);
                syncWhatWasWritten(destination);
                throw new CommandException("interrupted, exiting: the copy of '" + image.name() + "' to '"
                        + request.destination() + "' is incomplete", CommandException.INTERRUPTED, e);
            } finally {
                progress.ended(complete);
            }
            console.info("synchronizing '" + request.destination() + "'");
            try {
                destination.sync();
            } catch (IOException e) {
                throw new CommandException("cannot synchronize '" + request.destination() + "': " + e.getMessage(), e);
            }
            double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
            console.info("copying time: " + HumanSize.seconds(seconds) + ", copying speed "
                    + HumanSize.bytes((long) (mappedSize / seconds)) + "/sec");
        }
    }

    private void runEngine(CopyEngine engine, CopyRequest request, Optional<Bmap> bmap, ImageSource image,
                           Destination destination, OptionalLong imageSize) {
        if (bmap.isEmpty()) {
            long end = imageSize.orElse(Long.MAX_VALUE);
            Iterator<CopyEngine.Span> whole = List.of(new CopyEngine.Span(0,
                    Math.max(0, (end - 1) / NO_BMAP_BLOCK_SIZE), 0, end, Optional.empty())).iterator();
            engine.run(new CopyEngine.Job(image, destination, whole, NO_BMAP_BLOCK_SIZE, Optional.empty(), true));
            return;
        }
        BmapHeader header = bmap.get().header();
        Optional<ChecksumType> verifyWith = request.noVerify() ? Optional.empty() : header.checksumType();
        try (Stream<MappedRange> ranges = bmap.get().ranges()) {
            Iterator<CopyEngine.Span> spans = ranges.map(range -> new CopyEngine.Span(range.blocks().first(),
                    range.blocks().last(), range.blocks().startByte(header.blockSize()),
                    range.blocks().endByte(header.blockSize(), header.imageSize()), range.checksum())).iterator();
            CopyEngine.Outcome outcome = engine.run(new CopyEngine.Job(image, destination, spans,
                    header.blockSize(), verifyWith, false));
            if (outcome.blocksRead() != header.mappedBlocksCount()) {
                throw new CommandException("wrote " + outcome.blocksRead() + " blocks from image '" + image.name()
                        + "' to '" + destination.name() + "', but should have " + header.mappedBlocksCount()
                        + " - bmap file '" + bmap.get().name() + "' does not belong to this image");
            }
        }
    }

    /** Upstream's three lines: format version, sizes, and what goes where. */
    private void describe(Bmap bmap, CopyRequest request, Destination destination) {
        BmapHeader header = bmap.header();
        console.info("block map format version " + header.version().text());
        console.info(header.blocksCount() + " blocks of size " + header.blockSize() + " ("
                + HumanSize.bytes(header.imageSize()) + "), mapped " + header.mappedBlocksCount()
                + " blocks (" + HumanSize.bytes(header.mappedBytes()) + " or "
                + HumanSize.percent(header.blocksCount() == 0 ? 0 : header.mappedBlocksCount() * 100.0
                / header.blocksCount()) + ")");
        String where = destination.kind() == DestinationKind.BLOCK_DEVICE
                ? "block device '" + request.destination() + "'" : "file '" + baseName(request.destination().toString()) + "'";
        console.info("copying image '" + baseName(ports.sources().displayName(request.image())) + "' to " + where
                + " using bmap file '" + baseName(bmap.name()) + "'");
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** After a cancel: what reached the destination goes to the medium before the tuning is undone. */
    private void syncWhatWasWritten(Destination destination) {
        try {
            destination.sync();
        } catch (IOException | RuntimeException e) {
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
        for (String candidate : BmapDiscovery.candidates(request.image(), request.bmap())) {
            if (request.bmap().isPresent() && candidate.equals(request.image())) {
                throw new CommandException("Make sure you are writing your image and not the bmap file "
                        + "(you specified the same path for them)");
            }
            Optional<byte[]> bytes = ports.sources().readIfExists(candidate);
            String name = ports.sources().displayName(candidate);
            if (bytes.isPresent()) {
                if (request.bmap().isEmpty()) {
                    console.info("discovered bmap file '" + name + "'");
                }
                byte[] verified = new BmapSignatureCheck(ports, console).verifiedBmap(request, candidate, bytes.get());
                return BmapReader.read(BmapSource.of(name, verified));
            }
            if (request.bmap().isPresent()) {
                throw new CommandException("cannot open bmap file '" + name + "': no such file");
            }
        }
        throw new CommandException("bmap file not found, please, use --nobmap option to flash without bmap");
    }
}
