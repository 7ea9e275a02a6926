package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmaptool.ports.PortException;

/**
 * Upstream's block-device write tuning, applied while copying: the {@code none} (or,
 * on old kernels, {@code noop}) I/O scheduler, because sequential writes need no
 * reordering, and {@code bdi/max_ratio} 1, so the copy cannot fill the page cache with
 * dirty pages of a slow stick and stall the system. What cannot be changed becomes a
 * warning; {@link #restore()} puts the old values back.
 */
final class WriteTuning {
    private static final Pattern CURRENT_SCHEDULER = Pattern.compile("\\[([^]]+)]");

    private final Path scheduler;
    private final Path maxRatio;
    private final List<String> warnings = new ArrayList<>();
    /** The values to put back; null when nothing was changed. Guarded by this. */
    private String oldScheduler;
    private String oldMaxRatio;

    private WriteTuning(Path scheduler, Path maxRatio) {
        this.scheduler = scheduler;
        this.maxRatio = maxRatio;
    }

    /** Tunes the whole disk {@code disk} (the disk of a partition, which has no queue of its own). */
    static WriteTuning apply(SysfsBlockDevice disk) {
        WriteTuning tuning = new WriteTuning(disk.directory().resolve("queue/scheduler"),
                disk.directory().resolve("bdi/max_ratio"));
        tuning.switchScheduler();
        tuning.limitDirtyPages();
        return tuning;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private synchronized void switchScheduler() {
        String current;
        try {
            String schedulers = Files.readString(scheduler).strip();
            Matcher matcher = CURRENT_SCHEDULER.matcher(schedulers);
            current = matcher.find() ? matcher.group(1) : schedulers;
        } catch (IOException e) {
            warnings.add("failed to enable I/O optimization, expect suboptimal speed (reason: cannot read "
                    + scheduler + ": " + reason(e) + ")");
            return;
        }
        if (current.equals("none") || current.equals("noop")) {
            return;
        }
        IOException failure = null;
        for (String wanted : new String[] {"none", "noop"}) {
            try {
                write(scheduler, wanted);
                oldScheduler = current;
                return;
            } catch (IOException e) {
                failure = e;
            }
        }
        warnings.add("failed to enable I/O optimization, expect suboptimal speed (reason: cannot switch to the "
                + "'none' I/O scheduler: " + reason(failure) + ")");
    }

    private synchronized void limitDirtyPages() {
        try {
            String old = Files.readString(maxRatio).strip();
            if (!old.equals("1")) {
                write(maxRatio, "1");
                oldMaxRatio = old;
            }
        } catch (IOException e) {
            warnings.add("failed to disable excessive buffering, expect worse system responsiveness (reason: "
                    + "cannot set max. I/O ratio to 1: " + reason(e) + ")");
        }
    }

    /**
     * Puts the old scheduler and ratio back; later calls do nothing.
     *
     * @throws PortException naming what could not be restored, after trying both
     */
    synchronized void restore() {
        List<String> failures = new ArrayList<>();
        if (oldScheduler != null) {
            try {
                write(scheduler, oldScheduler);
            } catch (IOException e) {
                failures.add("cannot restore the '" + oldScheduler + "' I/O scheduler: " + reason(e));
            }
            oldScheduler = null;
        }
        if (oldMaxRatio != null) {
            try {
                write(maxRatio, oldMaxRatio);
            } catch (IOException e) {
                failures.add("cannot set the max. I/O ratio back to '" + oldMaxRatio + "': " + reason(e));
            }
            oldMaxRatio = null;
        }
        if (!failures.isEmpty()) {
            throw new PortException(String.join("; ", failures));
        }
    }

    private static void write(Path attribute, String value) throws IOException {
        // WRITE only: sysfs attributes are neither created nor truncated.
        Files.writeString(attribute, value, StandardOpenOption.WRITE);
    }

    private static String reason(IOException e) {
        return PortException.reasonOf(e);
    }
}
