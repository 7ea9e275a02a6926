package org.bmaptool.app.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bmaptool.app.report.CopyProgress;

/**
 * {@code --psplash-pipe}: {@code PROGRESS <percent>\n} written to psplash's FIFO each
 * time the percentage changes, best effort as upstream: a path that is missing or not a
 * FIFO gives a warning and no progress, and a psplash that is gone or stuck never holds
 * up the copy. Upstream opens the FIFO {@code O_NONBLOCK}, which Java cannot; opening it
 * read-write never blocks on Linux either, and a single daemon thread does the writing,
 * so the writer thread only posts the latest percentage.
 */
public final class PsplashProgress implements CopyProgress {
    // POSIX's file-type bits: the JDK gives the mode but no FIFO test, and the Linux
    // adapter's constants are its own (this layer never sees the kernel package).
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private final Path pipe;
    private final long total;
    private final Thread sender;
    private int posted = -1;
    private int sent = -1;
    private boolean ended;

    private PsplashProgress(Path pipe, long total) {
        this.pipe = pipe;
        this.total = total;
        this.sender = new Thread(this::sendLoop, "bmaptool-psplash");
        sender.setDaemon(true);
        sender.start();
    }

    /** Progress to {@code pipe} for a copy of {@code total} bytes, or empty (with a warning) when it is no FIFO. */
    public static Optional<CopyProgress> open(Path pipe, long total, Console console) {
        if (!isFifo(pipe)) {
            console.warning("'" + pipe + "' is not a pipe, so psplash progress will not be updated");
            return Optional.empty();
        }
        if (total <= 0) {
            return Optional.empty();
        }
        return Optional.of(new PsplashProgress(pipe, total));
    }

    static boolean isFifo(Path path) {
        try {
            // Follows links, as upstream's os.stat does.
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer && (((Integer) mode) & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public synchronized void written(long bytes) {
        int percent = (int) (Math.min(bytes, total) * 100 / total);
        if (percent != posted) {
            posted = percent;
            notifyAll();
        }
    }

    @Override
    public synchronized void ended(boolean complete) {
        ended = true;
        notifyAll();
    }

    private void sendLoop() {
        while (true) {
            int percent;
            synchronized (this) {
                while (posted == sent && !ended) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (posted == sent) {
                    return;
                }
                percent = posted;
                sent = percent;
            }
            send(percent);
        }
    }

    private void send(int percent) {
        try (RandomAccessFile fifo = new RandomAccessFile(pipe.toFile(), "rw")) {
            fifo.write(("PROGRESS " + percent + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // Best effort, as upstream: psplash may be gone; the copy goes on.
        }
    }
}
