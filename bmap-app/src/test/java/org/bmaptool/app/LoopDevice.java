package org.bmaptool.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real loop block device over a backing file, for tests that need one; detached on
 * close. Tests using it skip, with the reason, where there is no root or no losetup.
 */
public final class LoopDevice implements AutoCloseable {
    private final Path device;
    private final Path backing;

    private LoopDevice(Path device, Path backing) {
        this.device = device;
        this.backing = backing;
    }

    /** Skips the calling test unless loop devices can be set up here. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "loop devices need root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/losetup"))
                || Files.isExecutable(Path.of("/sbin/losetup")), "losetup is not installed");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no /dev/loop-control");
    }

    /** A loop device over a new backing file of {@code size} bytes filled with {@code fill}. */
    public static LoopDevice create(Path dir, long size, byte fill) throws IOException, InterruptedException {
        assumeAvailable();
        Path backing = dir.resolve("backing-" + System.nanoTime() + ".img");
        byte[] block = new byte[1 << 16];
        java.util.Arrays.fill(block, fill);
        try (var out = Files.newOutputStream(backing)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        String device = run("losetup", "--find", "--show", backing.toString()).strip();
        return new LoopDevice(Path.of(device), backing);
    }

    /** A loop device over an existing {@code backing} file (a sparse one, one on a small tmpfs, ...). */
    public static LoopDevice attach(Path backing) throws IOException, InterruptedException {
        assumeAvailable();
        String device = run("losetup", "--find", "--show", backing.toString()).strip();
        return new LoopDevice(Path.of(device), backing);
    }

    public Path device() {
        return device;
    }

    public Path backing() {
        return backing;
    }

    /** Runs a command and returns its output; fails the test if it fails. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("losetup", "--detach", device.toString());
    }
}
