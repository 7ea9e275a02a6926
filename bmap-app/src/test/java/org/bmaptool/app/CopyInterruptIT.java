package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ctrl-C and SIGTERM during a real copy through the linked launcher: a clean stop, exit 130, and a clear word. */
class CopyInterruptIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalStopsTheCopyWithExit130AndSaysItIsIncomplete(String signal) throws Exception {
        // A 16 GiB image, all hole, with a bmap (format 1.2, no checksums) that maps its
        // first 6 GiB: reading holes costs no disk time, writing the zeros does, so the
        // copy runs long enough to be stopped.
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(dir.resolve("big.img").toFile(), "rw")) {
            file.setLength(16L << 30);
        }
        Files.writeString(dir.resolve("big.img.bmap"), "<?xml version=\"1.0\" ?>\n<bmap version=\"1.2\">\n"
                + "<ImageSize> 17179869184 </ImageSize>\n<BlockSize> 4096 </BlockSize>\n"
                + "<BlocksCount> 4194304 </BlocksCount>\n<MappedBlocksCount> 1572864 </MappedBlocksCount>\n"
                + "<BlockMap>\n<Range> 0-1572863 </Range>\n</BlockMap>\n</bmap>\n");

        Process copy = new ProcessBuilder(Launcher.path().toString(), "copy", "big.img", "copy.img")
                .directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuffer err = new StringBuffer();
        CountDownLatch copying = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(copy.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    err.append(line).append('\n');
                    if (line.contains("copying image")) {
                        copying.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // The process is gone; what was read is checked below.
            }
        });
        drain.start();
        assertTrue(copying.await(60, TimeUnit.SECONDS), err.toString());
        Thread.sleep(300);
        assertTrue(copy.isAlive(), "the copy ended before it could be interrupted: " + err);
        LoopDevice.run("kill", "-" + signal, Long.toString(copy.pid()));
        assertTrue(copy.waitFor(90, TimeUnit.SECONDS), "the copy did not stop: " + err);
        drain.join(10_000);
        assertEquals(130, copy.exitValue(), err.toString());
        assertTrue(err.toString().contains("bmaptool: ERROR: interrupted, exiting: the copy of 'big.img' to "
                + "'copy.img' is incomplete"), err.toString());
        assertFalse(err.toString().contains("copying time"), err.toString());
        assertEquals(16L << 30, Files.size(dir.resolve("copy.img")), "the destination was sized before the stop");
    }
}
