package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C, SIGTERM and SIGKILL during a real copy through the linked launcher: a clean
 * stop with exit 130 and a clear word, the device's sysfs tuning restored, and after a
 * kill the same command again makes a correct copy.
 */
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
        Processes.run("kill", "-" + signal, Long.toString(copy.pid()));
        assertTrue(copy.waitFor(90, TimeUnit.SECONDS), "the copy did not stop: " + err);
        drain.join(10_000);
        assertEquals(130, copy.exitValue(), err.toString());
        assertTrue(err.toString().contains("bmaptool: ERROR: interrupted, exiting: the copy of 'big.img' to "
                + "'copy.img' is incomplete"), err.toString());
        assertFalse(err.toString().contains("copying time"), err.toString());
        assertEquals(16L << 30, Files.size(dir.resolve("copy.img")), "the destination was sized before the stop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalDuringACopyToABlockDeviceRestoresItsSysfsSettingsAndExits130(String signal) throws Exception {
        Path image = TestImages.textImage(dir);
        byte[] bytes = Files.readAllBytes(image);
        try (LoopDevice loop = LoopDevice.create(dir, TestImages.TEXT_IMAGE_SIZE, (byte) 0x5A)) {
            loop.selectScheduler("mq-deadline");
            LoopDevice.Tuning tuning = loop.tuning();
            TreeSnapshot before = TreeSnapshot.of(dir);
            // The image comes through a pipe that the test stops feeding after 1 MiB: the
            // copy waits there for the signal, however slow the machine.
            try (RunningCopy copy = RunningCopy.start(dir, "copy", "--bmap", "disk.img.bmap", "-",
                    loop.device().toString())) {
                copy.stdin().write(bytes, 0, 1 << 20);
                copy.stdin().flush();
                copy.awaitLine("copying image");
                assertEquals("1", loop.tuning().maxRatio(), "the device is tuned while the copy runs");
                copy.signal(signal);
                Launcher.Result result = copy.finish();
                assertCleanFailure(result, 130, "interrupted, exiting: the copy of 'standard input' to '"
                        + loop.device() + "' is incomplete");
            }
            assertEquals(tuning, loop.tuning(), "sysfs settings restored");
            before.assertUnchangedExcept(loop.backing());
        }
    }

    @Test
    void killedMidCopyTheSameCommandAgainMakesACorrectCopy() throws Exception {
        Path image = TestImages.textImage(dir);
        byte[] bytes = Files.readAllBytes(image);
        Path target = dir.resolve("copy.img");
        String[] command = {"copy", "--bmap", "disk.img.bmap", "-", "copy.img"};
        try (RunningCopy copy = RunningCopy.start(dir, command)) {
            copy.stdin().write(bytes, 0, 1 << 20);
            copy.stdin().flush();
            copy.awaitLine("copying image");
            awaitFirstBlock(target, bytes);
            copy.signal("KILL");
            assertEquals(128 + 9, copy.finish().exitCode());
        }
        assertFalse(Arrays.equals(bytes, Files.readAllBytes(target)), "the killed copy is incomplete");

        Launcher.Result again = Launcher.runWithInput(dir, image, command);

        assertEquals(0, again.exitCode(), again.err());
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    /** Waits until the first block of {@code image} is in {@code copy}: the copy has begun writing. */
    private static void awaitFirstBlock(Path copy, byte[] image) throws Exception {
        byte[] first = Arrays.copyOf(image, 4096);
        for (int wait = 0; wait < 600; wait++) {
            if (Files.size(copy) >= first.length) {
                try (java.io.InputStream in = Files.newInputStream(copy)) {
                    if (Arrays.equals(first, in.readNBytes(first.length))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the copy wrote nothing to " + copy);
    }
}
