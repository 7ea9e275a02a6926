package org.bmaptool.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.bmaptool.app.cli.Wiring;
import org.bmaptool.app.common.Ports;

/**
 * One run of the command line in this JVM ({@link Main#run}), with its exit code and
 * what it printed: the harness of the tests that run whole commands without the
 * launcher (the launcher's is {@link Launcher}).
 *
 * @param out standard output
 * @param err standard error: progress, warnings and the error line
 */
public record Run(int exitCode, String out, String err) {

    /** Runs {@code args} against the real adapters of this machine, wired as Main wires them: when needed. */
    public static Run bmaptool(String... args) {
        return run(Wiring::systemPorts, args);
    }

    /** Runs {@code args} against {@code ports} (null for a command line that must wire none: help, usage errors). */
    public static Run bmaptool(Ports ports, String... args) {
        return run(() -> ports, args);
    }

    private static Run run(Supplier<Ports> ports, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ports, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
