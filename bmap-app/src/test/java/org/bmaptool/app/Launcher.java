package org.bmaptool.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmaptool.testkit.ProjectLayout;

/** Runs the linked {@code bin/bmaptool} launcher, as a user would, for end-to-end tests. */
public final class Launcher {

    /** What one run printed and how it ended. */
    public record Result(int exitCode, String out, String err) {
    }

    private Launcher() {
    }

    /** The launcher the build linked. */
    public static Path path() {
        String configured = System.getProperty("bmaptool.launcher");
        Path launcher = configured != null ? Path.of(configured)
                : ProjectLayout.root().resolve("bmap-app/target/bmaptool/bin/bmaptool");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher + ": run mvn package first");
        }
        return launcher;
    }

    /** Runs the launcher with {@code args} in {@code dir} and waits for it (two minutes at most). */
    public static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(List.of(), dir, Path.of("/dev/null"), args);
    }

    /** As {@link #run(Path, String...)}, with standard input read from {@code input}. */
    public static Result runWithInput(Path dir, Path input, String... args) throws IOException, InterruptedException {
        return run(List.of(), dir, input, args);
    }

    /**
     * As {@link #run(Path, String...)}, the launcher started through {@code wrapper} (for
     * example {@code setpriv --reuid=nobody ...}), which execs it.
     */
    public static Result runThrough(List<String> wrapper, Path dir, String... args)
            throws IOException, InterruptedException {
        return run(wrapper, dir, Path.of("/dev/null"), args);
    }

    /** Starts the launcher with {@code args} in {@code dir}, its standard input a pipe the caller writes. */
    public static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(path().toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static Result run(List<String> wrapper, Path dir, Path input, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(path().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("bmaptool-out", ".txt");
        Path err = Files.createTempFile("bmaptool-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("bmaptool " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
