package org.bmaptool.app.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.domain.text.HumanSize;

/**
 * The progress bar drawn on a terminal's stderr: percent, bytes written (or read back) of the total,
 * speed and time left, redrawn in place at most five times a second. Without a known
 * total it shows bytes and speed only.
 */
public final class TerminalProgress implements CopyProgress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream err;
    private final long total;
    private final LongSupplier clock;
    private final String verb;
    private final long started;
    private long lastDrawn = Long.MIN_VALUE;
    private boolean drawn;
    private long lastBytes;

    /** A bar for a copy of {@code total} bytes (0 when unknown). */
    public TerminalProgress(PrintStream err, long total, LongSupplier nanoClock) {
        this(err, total, nanoClock, "copied");
    }

    /** A bar that says what is being done to the bytes: "copied", or "verified" for a read-back. */
    public TerminalProgress(PrintStream err, long total, LongSupplier nanoClock, String verb) {
        this.err = err;
        this.total = total;
        this.clock = nanoClock;
        this.verb = verb;
        this.started = nanoClock.getAsLong();
    }

    @Override
    public synchronized void written(long bytes) {
        lastBytes = bytes;
        long now = clock.getAsLong();
        if (drawn && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        draw(bytes, now);
    }

    @Override
    public synchronized void ended(boolean complete) {
        if (complete) {
            draw(Math.max(lastBytes, total), clock.getAsLong());
        }
        if (drawn) {
            err.print('\n');
            err.flush();
            drawn = false;
        }
    }

    private void draw(long bytes, long now) {
        err.print("\r" + line(bytes, now - started) + "\033[K");
        err.flush();
        drawn = true;
    }

    /** The text of the bar after {@code elapsedNanos} with {@code bytes} written. */
    String line(long bytes, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        long speed = seconds > 0 ? (long) (bytes / seconds) : 0;
        StringBuilder text = new StringBuilder("bmaptool: info: ");
        if (total > 0) {
            long done = Math.min(bytes, total);
            int percent = (int) (done * 100 / total);
            int filled = (int) (done * BAR_WIDTH / total);
            text.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(percent).append("% ").append(verb).append(", ")
                    .append(HumanSize.bytes(done)).append(" of ").append(HumanSize.bytes(total));
        } else {
            text.append(HumanSize.bytes(bytes)).append(' ').append(verb);
        }
        text.append(", ").append(HumanSize.bytes(speed)).append("/sec");
        if (total > 0 && speed > 0 && bytes < total) {
            text.append(", ").append(HumanSize.seconds((double) (total - bytes) / speed)).append(" left");
        }
        return text.toString();
    }
}
