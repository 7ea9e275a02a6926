package org.bmaptool.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bmaptool.testkit.Processes;

/**
 * The launcher running in the background, for tests that act while it copies: its
 * standard input is a pipe the test feeds (so the copy waits, mid-way, for as long as
 * the test likes, with no timing involved), its standard error is collected line by
 * line, and it can be sent signals.
 */
public final class RunningCopy implements AutoCloseable {
    private final Process process;
    private final StringBuffer err = new StringBuffer();
    private final Thread drain;

    private RunningCopy(Process process) {
        this.process = process;
        this.drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (err) {
                        err.append(line).append('\n');
                        err.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process is gone; what was read is what the test checks.
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts {@code bmaptool args} in {@code dir}. */
    public static RunningCopy start(Path dir, String... args) throws IOException {
        return new RunningCopy(Launcher.start(dir, args));
    }

    /** The copy's standard input. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits (a minute at most) until standard error holds a line containing {@code fragment}. */
    public void awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        synchronized (err) {
            while (!err.toString().contains(fragment)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !drain.isAlive()) {
                    throw new AssertionError("no line with '" + fragment + "' from bmaptool: " + err);
                }
                err.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 100_000_000L))));
            }
        }
    }

    /** Sends {@code signal} (INT, TERM, KILL) to the launcher's process. */
    public void signal(String signal) throws IOException, InterruptedException {
        Processes.run("kill", "-" + signal, Long.toString(process.pid()));
    }

    /** Waits (90 seconds at most) for the end, and returns how it ended. */
    public Launcher.Result finish() throws InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bmaptool did not stop: " + err);
        }
        drain.join(10_000);
        return new Launcher.Result(process.exitValue(), "", err.toString());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
