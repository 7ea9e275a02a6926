package org.bmaptool.app.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.bmaptool.app.common.ExplicitFile;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.ProgressPlan;
import org.bmaptool.app.report.Report;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.source.ImageSource;

/**
 * The {@code verify} use case: checks an already flashed file or device against a bmap's
 * checksums, reading from the medium rather than the page cache, without the image.
 * {@link #check} is the check itself, which {@code copy --read-back} runs too.
 */
public final class VerifyDestination {
    private final Ports ports;
    private final Report console;

    public VerifyDestination(Ports ports, Report console) {
        this.ports = ports;
        this.console = console;
    }

    /**
     * Reads {@code location} back past the page cache and checks every mapped range of
     * {@code bmap} on {@code hasher}'s threads; {@code opened} hears of the medium before
     * its first read, {@code progress} of the bytes as they are checked.
     *
     * @return the mapped bytes checked
     * @throws IOException only when the medium, checked, cannot be closed
     */
    public static long check(UncachedReader reader, Path location, Bmap bmap, RangeHasher hasher,
                             Consumer<ImageSource> opened, LongConsumer progress) throws IOException {
        try (ImageSource medium = reader.open(location)) {
            opened.accept(medium);
            return new RangeVerifier(hasher).verify(bmap, medium, progress);
        }
    }

    public void run(VerifyRequest request) {
        byte[] bytes = ExplicitFile.read(ports.sources(), request.bmap(), "bmap file");
        Bmap bmap = BmapReader.read(BmapSource.of(request.bmap().masked(), bytes));
        long started = System.nanoTime();
        CopyProgress[] bar = new CopyProgress[1];
        String[] name = new String[1];
        AtomicLong done = new AtomicLong();
        boolean complete = false;
        long checked;
        try (RangeHasher hasher = new RangeHasher(Runtime.getRuntime().availableProcessors())) {
            checked = check(ports.readBack(), request.destination(), bmap, hasher, medium -> {
                name[0] = medium.name();
                console.info("verifying '" + medium.name() + "' against bmap file '" + bmap.name() + "'");
                bar[0] = console.verificationProgress(ProgressPlan.BAR, bmap.header().mappedBytes());
            }, hashed -> bar[0].written(done.addAndGet(hashed)));
            complete = true;
        } catch (IOException e) {
            throw new CommandException("cannot close '" + request.destination() + "': " + e.getMessage(), e);
        } finally {
            if (bar[0] != null) {
                bar[0].ended(complete);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        console.info("verified " + bmap.header().mappedBlocksCount() + " mapped blocks ("
                + HumanSize.bytes(checked) + ") of '" + name[0] + "' in " + HumanSize.seconds(seconds)
                + ": every checksum matches");
    }
}
