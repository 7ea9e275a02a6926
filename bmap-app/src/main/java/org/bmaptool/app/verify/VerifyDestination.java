package org.bmaptool.app.verify;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.report.Report;
import org.bmaptool.app.common.ExplicitFile;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.ProgressPlan;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.source.ImageSource;

/**
 * The {@code verify} use case: checks an already flashed file or device against a bmap's
 * checksums, reading from the medium rather than the page cache, without the image.
 */
public final class VerifyDestination {
    private final Ports ports;
    private final Report console;

    public VerifyDestination(Ports ports, Report console) {
        this.ports = ports;
        this.console = console;
    }

    public void run(VerifyRequest request) {
        byte[] bytes = ExplicitFile.read(ports.sources(), request.bmap(), "bmap file");
        Bmap bmap = BmapReader.read(BmapSource.of(request.bmap().masked(), bytes));
        long started = System.nanoTime();
        try (ImageSource medium = ports.readBack().open(request.destination());
             RangeHasher hasher = new RangeHasher(Runtime.getRuntime().availableProcessors())) {
            console.info("verifying '" + medium.name() + "' against bmap file '" + bmap.name() + "'");
            CopyProgress bar = console.verificationProgress(ProgressPlan.BAR, bmap.header().mappedBytes());
            AtomicLong done = new AtomicLong();
            long checked;
            boolean complete = false;
            try {
                checked = new RangeVerifier(hasher).verify(bmap, medium,
                        hashed -> {
                            long total = done.addAndGet(hashed);
                            bar.written(total);
                        });
                complete = true;
            } finally {
                bar.ended(complete);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            console.info("verified " + bmap.header().mappedBlocksCount() + " mapped blocks ("
                    + HumanSize.bytes(checked) + ") of '" + medium.name() + "' in " + HumanSize.seconds(seconds)
                    + ": every checksum matches");
        } catch (IOException e) {
            throw new CommandException("cannot close '" + request.destination() + "': " + e.getMessage(), e);
        }
    }
}
