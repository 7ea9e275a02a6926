package org.bmaptool.linux.destination;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuning's failure paths, on sysfs attributes laid out in a temporary directory. */
class WriteTuningTest {

    @TempDir
    Path disk;

    private SysfsBlockDevice device() {
        return new SysfsBlockDevice(disk, "sdz", "8:240");
    }

    @Test
    void attributesThatCannotBeChangedGiveWarningsNotFailures() {
        WriteTuning tuning = WriteTuning.apply(device());
        List<String> warnings = tuning.warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("failed to enable I/O optimization, expect suboptimal speed"));
        assertTrue(warnings.get(1).startsWith("failed to disable excessive buffering, expect worse system "
                + "responsiveness (reason: cannot set max. I/O ratio to 1: "));
        assertDoesNotThrow(tuning::restore);
    }

    @Test
    void valuesThatCannotBeRestoredAreReportedOnceBothWereTried() throws IOException {
        Path scheduler = Files.createDirectories(disk.resolve("queue")).resolve("scheduler");
        Path maxRatio = Files.createDirectories(disk.resolve("bdi")).resolve("max_ratio");
        Files.writeString(scheduler, "[mq-deadline] none\n");
        Files.writeString(maxRatio, "100\n");
        WriteTuning tuning = WriteTuning.apply(device());
        assertEquals(List.of(), tuning.warnings());
        Files.delete(scheduler);
        Files.createDirectory(scheduler);
        Files.delete(maxRatio);
        Files.createDirectory(maxRatio);
        String message = assertThrows(PortException.class, tuning::restore).getMessage();
        assertTrue(message.startsWith("cannot restore the 'mq-deadline' I/O scheduler: "), message);
        assertTrue(message.contains("; cannot set the max. I/O ratio back to '100': "), message);
        assertDoesNotThrow(tuning::restore, "a second restore has nothing left to do");
    }

    @Test
    void schedulerAlreadyNoneIsLeftAlone() throws IOException {
        Path scheduler = Files.createDirectories(disk.resolve("queue")).resolve("scheduler");
        Files.writeString(scheduler, "[none] mq-deadline\n");
        Files.createDirectories(disk.resolve("bdi"));
        Files.writeString(disk.resolve("bdi/max_ratio"), "1\n");
        WriteTuning tuning = WriteTuning.apply(device());
        assertEquals(List.of(), tuning.warnings());
        tuning.restore();
        assertEquals("[none] mq-deadline\n", Files.readString(scheduler));
    }
}
