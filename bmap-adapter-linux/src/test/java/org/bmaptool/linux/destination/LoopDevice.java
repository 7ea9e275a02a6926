package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real loop block device over a backing file, for tests that need one; detached on
 * close. Tests using it skip, with the reason, where there is no root or no losetup.
 * (The same idea as bmap-app's test helper, plus partition scanning.)
 */
final class LoopDevice implements AutoCloseable {
    private final Path device;
    private final Path backing;

    private LoopDevice(Path device, Path backing) {
        this.device = device;
        this.backing = backing;
    }

    /** Skips the calling test unless loop devices can be set up here. */
    static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "loop devices need root");
        assumeTool("losetup");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no /dev/loop-control");
    }

    /** Skips the calling test unless {@code tool} is installed. */
    static void assumeTool(String tool) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin", tool))
                || Files.isExecutable(Path.of("/sbin", tool))
                || Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed");
    }

    /** A loop device over a new backing file of {@code size} bytes filled with {@code fill}. */
    static LoopDevice create(Path dir, long size, byte fill) throws IOException, InterruptedException {
        return create(dir, size, fill, false);
    }

    /** As {@link #create(Path, long, byte)}, with partition support ({@code losetup -P}) when asked. */
    static LoopDevice create(Path dir, long size, byte fill, boolean partitions)
            throws IOException, InterruptedException {
        assumeAvailable();
        Path backing = dir.resolve("backing-" + System.nanoTime() + ".img");
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, fill);
        try (var out = Files.newOutputStream(backing)) {
            for (long written = 0; written < size; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        String device = partitions
                ? run("losetup", "--find", "--show", "--partscan", backing.toString()).strip()
                : run("losetup", "--find", "--show", backing.toString()).strip();
        return new LoopDevice(Path.of(device), backing);
    }

    Path device() {
        return device;
    }

    Path backing() {
        return backing;
    }

    /** The device's name in sysfs, e.g. {@code loop3}. */
    String name() {
        return device.getFileName().toString();
    }

    /** Runs a command and returns its output; fails the test if it fails. */
    static String run(String... command) throws IOException, InterruptedException {
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
