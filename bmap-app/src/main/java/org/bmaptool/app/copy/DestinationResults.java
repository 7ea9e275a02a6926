package org.bmaptool.app.copy;

import org.bmaptool.app.pipeline.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.Report;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.destination.Destination;

/**
 * How each destination of a copy fares, from the first write to its read-back: the
 * bytes written, when its final sync ended, what its read-back took, and the error that
 * dropped it. The copy listens to the engine through it ({@link #destinationFailed}) and
 * prints the summary of a copy to several destinations from it.
 */
final class DestinationResults implements CopyProgress {
    private final List<Destination> destinations;
    private final long started;
    private final long[] bytes;
    private final long[] syncedAt;
    private final long[] readBackNanos;
    private final long[] zeroNanos;
    private final String[] failures;

    DestinationResults(List<Destination> destinations, long started) {
        this.destinations = List.copyOf(destinations);
        this.started = started;
        int n = destinations.size();
        this.bytes = new long[n];
        this.syncedAt = new long[n];
        this.readBackNanos = new long[n];
        this.zeroNanos = new long[n];
        this.failures = new String[n];
    }

    @Override
    public void written(long slowest) {
    }

    @Override
    public void ended(boolean complete) {
    }

    @Override
    public synchronized void destinationWritten(int destination, long done) {
        bytes[destination] = done;
    }

    @Override
    public synchronized void destinationFailed(int destination, String reason) {
        failed(destination, reason);
    }

    int size() {
        return destinations.size();
    }

    Destination destination(int index) {
        return destinations.get(index);
    }

    /** The engine's final word on each destination. */
    synchronized void copied(Outcome outcome) {
        for (int i = 0; i < outcome.destinations().size(); i++) {
            Outcome.Written written = outcome.destinations().get(i);
            bytes[i] = written.bytes();
            written.failure().ifPresent(error -> failed(destinations.indexOf(written.destination()),
                    error.getMessage()));
        }
    }

    synchronized void synced(int index) {
        syncedAt[index] = System.nanoTime();
    }

    synchronized void zeroTook(int index, long nanos) {
        zeroNanos[index] = nanos;
    }

    synchronized long zeroNanos(int index) {
        return zeroNanos[index];
    }

    synchronized void verified(int index, long verifiedBytes, long nanos) {
        readBackNanos[index] = nanos;
    }

    synchronized void failed(int index, String reason) {
        if (failures[index] == null) {
            failures[index] = reason;
        }
    }

    synchronized String failure(int index) {
        return failures[index];
    }

    synchronized long readBackNanos(int index) {
        return readBackNanos[index];
    }

    /** The indexes of the destinations that have not failed, in order. */
    synchronized List<Integer> live() {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] == null) {
                live.add(i);
            }
        }
        return live;
    }

    synchronized boolean allFailed() {
        return live().isEmpty();
    }

    synchronized long failedCount() {
        return failures.length - live().size();
    }

    synchronized String failedNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                names.add("'" + destinations.get(i).name() + "'");
            }
        }
        return String.join(", ", names);
    }

    /** One line per destination: what was written at what speed (and zeroed, verified), or why it failed. */
    synchronized void report(Report console, boolean readBack, boolean zeroed) {
        for (int i = 0; i < destinations.size(); i++) {
            String name = "'" + destinations.get(i).name() + "'";
            if (failures[i] != null) {
                console.error(name + " failed: " + failures[i]);
                continue;
            }
            double seconds = Math.max((syncedAt[i] - started - zeroNanos[i]) / 1e9, 1e-9);
            String line = name + ": written " + HumanSize.bytes(bytes[i]) + " in " + HumanSize.seconds(seconds)
                    + ", " + HumanSize.bytes((long) (bytes[i] / seconds)) + "/sec";
            if (zeroed) {
                line += "; unmapped ranges zeroed in " + HumanSize.seconds(Math.max(zeroNanos[i] / 1e9, 1e-9));
            }
            if (readBack) {
                double verifying = Math.max(readBackNanos[i] / 1e9, 1e-9);
                line += "; read back and verified in " + HumanSize.seconds(verifying) + ", "
                        + HumanSize.bytes((long) (bytes[i] / verifying)) + "/sec";
            }
            console.info(line);
        }
    }
}
