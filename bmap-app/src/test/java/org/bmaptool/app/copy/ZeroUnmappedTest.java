package org.bmaptool.app.copy;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.app.Run;
import org.bmaptool.app.common.Ports;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.SparseFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy --zero-unmapped} through the command line on the real adapters: the phase,
 * its lines, its read-back sample (which a destination that ignores the zeroing fails),
 * and {@code --nobmap}. The launcher's tests on devices are in {@code ZeroUnmappedIT}.
 */
@Tag("linux") // runs on the real Linux adapters: not in the without-linux run
class ZeroUnmappedTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** 8 MiB and 1000 bytes (an unaligned end) with data in three places; its bmap beside it. */
    private Path image() throws Exception {
        Path image = SparseFiles.write(dir.resolve("disk.img"), 8 * MIB + 1000, 0, 8192, 3 * MIB, MIB, 8 * MIB, 100);
        Run created = bmaptool("create", "-o", dir.resolve("disk.img.bmap").toString(), image.toString());
        assertEquals(0, created.exitCode(), created.err());
        return image;
    }

    @Test
    void zeroPhaseIsReportedWithItsOwnLineTimeAndJsonPhaseAndTheCopyEqualsTheImage() throws Exception {
        Path image = image();
        Path copy = dir.resolve("copy.img");
        Path progress = dir.resolve("progress.jsonl");
        Run run = bmaptool("copy", "--zero-unmapped", "--read-back", "--progress=json", "--progress-file",
                progress.toString(), image.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
        assertEquals(Files.size(image), Files.size(copy));
        // Blocks of 4096: mapped 0-1, 768-1023 and 2048 (the partial last one); unmapped 2-767 and 1024-2047.
        assertTrue(run.err().contains("bmaptool: info: zeroing 2 unmapped ranges (7.0 MiB) of '" + copy + "'"),
                run.err());
        assertTrue(run.err().lines().anyMatch(line -> line.matches("bmaptool: info: zeroed 2 unmapped ranges "
                + "\\(7\\.0 MiB\\) of '.*' in .*s")), run.err());
        assertTrue(run.err().contains("sampled of the zeroed ranges are zeros"), run.err());
        List<String> phases = Files.readAllLines(progress).stream()
                .map(line -> line.replaceAll("^\\{\"phase\":\"([a-z-]+)\".*", "$1")).distinct().toList();
        assertEquals(List.of("copy", "zero", "sync", "read-back", "done"), phases);
        assertTrue(Files.readAllLines(progress).stream().anyMatch(line -> line.startsWith("{\"phase\":\"zero\"")
                && line.contains("\"bytes\":7331840,\"total\":7331840")), Files.readString(progress));
    }

    @Test
    void severalDestinationsAreZeroedEachAndTheSummarySaysHowLongItTook() throws Exception {
        Path image = image();
        Path first = dir.resolve("first.img");
        Path second = dir.resolve("second.img");
        Run run = bmaptool("copy", "--zero-unmapped", "--read-back", image.toString(), first.toString(),
                second.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, first));
        assertEquals(-1L, Files.mismatch(image, second));
        for (Path copy : List.of(first, second)) {
            assertTrue(run.err().contains("bmaptool: info: zeroing 2 unmapped ranges (7.0 MiB) of '" + copy + "'"),
                    run.err());
            assertTrue(run.err().lines().anyMatch(line -> line.startsWith("bmaptool: info: '" + copy + "': written ")
                    && line.contains("; unmapped ranges zeroed in ") && line.contains("; read back and verified in ")),
                    run.err());
        }
    }

    @Test
    void withoutABmapTheOptionSaysThereIsNothingToZeroAndTheWholeImageIsWritten() throws Exception {
        Path image = image();
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--nobmap", "--zero-unmapped", image.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
        assertTrue(run.err().contains("bmaptool: info: --zero-unmapped: without a bmap the whole image is written,"
                + " there is nothing to zero"), run.err());
    }

    @Test
    void readBackFindsADeviceThatDidNotZeroItsUnmappedRanges() throws Exception {
        Path image = image();
        try (LoopDevice loop = LoopDevice.create(dir, 16 * MIB, (byte) 0x5A)) {
            // A device that takes the zeroing and does nothing, as one whose discard does not zero.
            Ports ports = Forwarding.wrapping(real -> new Forwarding(real) {
                @Override
                public void zero(long start, long end) {
                }
            });
            Run run = bmaptool(ports, "copy", "--zero-unmapped", "--read-back", image.toString(),
                    loop.device().toString());
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().contains("bmaptool: ERROR: '" + loop.device() + "' is not zero at byte 8192 after"
                    + " --zero-unmapped, in the unmapped bytes 8192:3145728 of bmap file '"), run.err());
        }
    }
}
