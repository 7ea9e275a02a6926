package org.bmaptool.app;

import java.io.PrintStream;

/**
 * Where the use cases speak to the user, in upstream bmaptool's words and form
 * ({@code bmaptool: info: ...} on stderr). {@code --quiet} silences information,
 * {@code --debug} adds debug lines.
 */
public final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean debug;

    private final boolean terminal;

    public Console(PrintStream out, PrintStream err, boolean quiet, boolean debug) {
        // System.console() is there only when the process talks to a terminal.
        this(out, err, quiet, debug, err == System.err && System.console() != null);
    }

    /** A console whose stderr is a terminal ({@code terminal}) or not, whatever the process has. */
    public Console(PrintStream out, PrintStream err, boolean quiet, boolean debug, boolean terminal) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.debug = debug;
        this.terminal = terminal;
    }

    /** True when a progress display belongs on stderr: a terminal, and neither {@code -q} nor {@code -d}. */
    public boolean showsProgress() {
        return terminal && !quiet && !debug;
    }

    /** Standard output, for what a command produces (a bmap written to stdout). */
    public PrintStream out() {
        return out;
    }

    /** Standard error, for progress. */
    public PrintStream err() {
        return err;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean debugging() {
        return debug;
    }

    public void info(String message) {
        if (!quiet) {
            err.println("bmaptool: info: " + message);
        }
    }

    public void warning(String message) {
        err.println("bmaptool: WARNING: " + message);
    }

    public void error(String message) {
        err.println("bmaptool: ERROR: " + message);
    }

    public void debug(String message) {
        if (debug) {
            err.println("bmaptool: debug: " + message);
        }
    }
}
