package org.bmaptool.app.cli;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.Phase;

/**
 * {@code --progress=json}: one JSON object per line, for automation (device farms, CI),
 * on stderr or a file or FIFO ({@code --progress-file}). Each line has the phase of the
 * copy ({@code copy}, {@code zero} with {@code --zero-unmapped}, {@code sync}, {@code read-back},
 * then {@code done} or {@code failed}), the seconds since the start, the bytes done of the
 * total in that phase (in {@code zero}: the unmapped bytes zeroed of those to zero)
 * (the slowest destination's), the speed in bytes per second (of the writes since the
 * start; of a read-back since it began), and the same for each
 * destination, with the error of one that failed:
 *
 * <pre>{"phase":"copy","elapsed":1.502,"bytes":1048576,"total":9437184,"speed":698086,
 *  "destinations":[{"path":"/dev/sdb","phase":"copy","bytes":1048576,"total":9437184,"speed":698086}]}</pre>
 *
 * A line goes out at every change of phase and at most twice a second in between; the
 * last line is {@code done} or {@code failed}. A daemon thread does the writing, so a
 * slow reader of the FIFO never holds up the copy (in-between lines are dropped when it
 * falls behind; phase changes never are).
 */
public final class JsonProgress implements CopyProgress {
    /** How a line names a phase. */
    private static String text(Phase phase) {
        return phase == Phase.READ_BACK ? "read-back" : phase.name().toLowerCase(Locale.ROOT);
    }

    private static final long EVERY_NANOS = 500_000_000L;
    private static final int MAX_QUEUED = 64;

    private final List<String> names;
    private final long total;
    private final LongSupplier clock;
    private final long started;
    private final Phase[] phases;
    private final long[] bytes;
    private final String[] errors;
    private final ProgressLines lines;
    private Phase phase = Phase.COPY;
    /** What the zero phase zeroes of each destination: its lines' total. */
    private long zeroTotal;
    private long phaseStarted;
    private long lastLine = Long.MIN_VALUE;

    private JsonProgress(List<String> names, long total, LongSupplier clock, ProgressLines lines) {
        this.names = List.copyOf(names);
        this.total = total;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.phaseStarted = started;
        this.phases = new Phase[names.size()];
        Arrays.fill(phases, Phase.COPY);
        this.bytes = new long[names.size()];
        this.errors = new String[names.size()];
        this.lines = lines;
    }

    /**
     * Progress of a copy of {@code total} bytes (negative: unknown) to the destinations
     * {@code names}, written to {@code file} or, when empty, to {@code stderr}.
     *
     * @throws CommandException when the file cannot be opened
     */
    public static JsonProgress open(Optional<Path> file, OutputStream stderr, List<String> names, long total,
                                    LongSupplier clock) {
        JsonProgress progress = new JsonProgress(names, total, clock, ProgressLines.open(file, stderr));
        progress.emit(true);
        return progress;
    }

    @Override
    public synchronized void written(long slowest) {
        emit(false);
    }

    @Override
    public synchronized void destinationWritten(int destination, long done) {
        bytes[destination] = done;
    }

    @Override
    public synchronized void destinationFailed(int destination, String reason) {
        fail(destination, reason);
    }

    @Override
    public void ended(boolean complete) {
        // The copy use case moves to the next phase, which says how this one ended.
    }

    /** Every destination still going enters {@code next}; a line goes out at once. */
    @Override
    public synchronized void phase(Phase next) {
        Phase previous = phase;
        phase = next;
        // The speed of the copy and its sync is over the bytes written since the start;
        // a read-back's over the bytes read back since it began.
        if (next == Phase.READ_BACK || next == Phase.ZERO) {
            phaseStarted = clock.getAsLong();
        } else if (next == Phase.DONE || next == Phase.FAILED || next == Phase.SYNC) {
            phaseStarted = started;
        }
        for (int i = 0; i < phases.length; i++) {
            if (phases[i] != Phase.FAILED) {
                phases[i] = next;
                if (next == Phase.READ_BACK || next == Phase.ZERO) {
                    bytes[i] = 0;
                } else if (next == Phase.SYNC && previous == Phase.ZERO && total >= 0) {
                    // Back from zeroing: the sync's bytes are the copy's again.
                    bytes[i] = total;
                } else if (next == Phase.DONE && total >= 0) {
                    // The bmap's total counts the partial last block as a whole one.
                    bytes[i] = total;
                }
            }
        }
        emit(true);
    }

    /** Destination {@code destination} failed with {@code reason}; a line goes out at once. */
    public synchronized void fail(int destination, String reason) {
        if (phases[destination] != Phase.FAILED) {
            phases[destination] = Phase.FAILED;
            errors[destination] = reason;
            emit(true);
        }
    }

    @Override
    public synchronized void zeroing(long bytesEach) {
        zeroTotal = bytesEach;
    }

    @Override
    public synchronized void zeroed(int destination, long done) {
        bytes[destination] = done;
        // A destination's last piece always gets its line: it says the zeroing of it is complete.
        emit(done == zeroTotal);
    }

    /** {@code done} bytes of destination {@code destination} have been read back and verified. */
    @Override
    public synchronized void readBack(int destination, long done) {
        bytes[destination] = done;
        emit(false);
    }

    /** The last line ({@code done}, or {@code failed} when any destination or the copy failed), then waits for it to be written. */
    @Override
    public void close() {
        synchronized (this) {
            boolean anyFailed = false;
            for (Phase each : phases) {
                anyFailed |= each == Phase.FAILED;
            }
            if (phase != Phase.FAILED) {
                phase(anyFailed ? Phase.FAILED : Phase.DONE);
            }
        }
        lines.finish();
    }

    /** The whole copy failed (a read error, a mismatch, an interrupt): every destination still going fails with it. */
    @Override
    public synchronized void failedAll(String reason) {
        for (int i = 0; i < phases.length; i++) {
            if (phases[i] != Phase.FAILED) {
                phases[i] = Phase.FAILED;
                errors[i] = reason;
            }
        }
        phase = Phase.FAILED;
        emit(true);
    }

    private void emit(boolean always) {
        long now = clock.getAsLong();
        if (!always && (now - lastLine < EVERY_NANOS || lines.waiting() >= MAX_QUEUED)) {
            return;
        }
        lastLine = now;
        lines.add(line(now));
    }

    /** The JSON text of the state at {@code now}. */
    String line(long now) {
        double phaseSeconds = (now - phaseStarted) / 1e9;
        long slowest = -1;
        for (int i = 0; i < phases.length; i++) {
            if (phases[i] != Phase.FAILED) {
                slowest = slowest < 0 ? bytes[i] : Math.min(slowest, bytes[i]);
            }
        }
        slowest = Math.max(slowest, 0);
        StringBuilder json = new StringBuilder(160 + 120 * names.size());
        json.append("{\"phase\":").append(JsonText.quote(text(phase)))
                .append(",\"elapsed\":").append(String.format(Locale.ROOT, "%.3f", (now - started) / 1e9));
        counts(json, slowest, phaseSeconds);
        json.append(",\"destinations\":[");
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"path\":").append(JsonText.quote(names.get(i)))
                    .append(",\"phase\":").append(JsonText.quote(text(phases[i])));
            counts(json, bytes[i], phaseSeconds);
            if (errors[i] != null) {
                json.append(",\"error\":").append(JsonText.quote(errors[i]));
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private void counts(StringBuilder json, long done, double seconds) {
        long of = phase == Phase.ZERO ? zeroTotal : total;
        json.append(",\"bytes\":").append(done).append(",\"total\":").append(of >= 0 ? Long.toString(of) : "null")
                .append(",\"speed\":").append(seconds > 0 ? (long) (done / seconds) : 0);
    }
}
