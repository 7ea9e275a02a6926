package org.bmaptool.app.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.report.ProgressPlan;
import org.bmaptool.app.report.Report;

/**
 * The {@link Report} of the command line: lines in upstream bmaptool's words and form
 * ({@code bmaptool: info: ...} on stderr), {@code --quiet} silencing information and
 * {@code --debug} adding debug lines; progress as the terminal bar, JSON lines and
 * psplash updates, as the user asked.
 */
public final class Console implements Report {
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
    @Override
    public OutputStream output() {
        return out;
    }

    /** Standard error, for progress. */
    public PrintStream err() {
        return err;
    }

    public boolean quiet() {
        return quiet;
    }

    @Override
    public boolean debugging() {
        return debug;
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            err.println("bmaptool: info: " + message);
        }
    }

    @Override
    public void warning(String message) {
        err.println("bmaptool: WARNING: " + message);
    }

    @Override
    public void error(String message) {
        err.println("bmaptool: ERROR: " + message);
    }

    @Override
    public void debug(String message) {
        if (debug) {
            err.println("bmaptool: debug: " + message);
        }
    }

    /** The bar (on a terminal, unless JSON takes stderr), psplash and JSON lines, in that order. */
    @Override
    public CopyProgress copyProgress(ProgressPlan plan, List<String> destinations, long total, boolean totalKnown) {
        List<CopyProgress> shown = new ArrayList<>();
        if (showsProgress() && !plan.jsonOnStderr()) {
            shown.add(new TerminalProgress(err, total, System::nanoTime));
        }
        plan.psplashPipe().flatMap(pipe -> PsplashProgress.open(pipe, total, this)).ifPresent(shown::add);
        if (plan.format() == ProgressPlan.Format.JSON) {
            shown.add(JsonProgress.open(plan.progressFile(), err, destinations, totalKnown ? total : -1,
                    System::nanoTime));
        }
        return CopyProgress.all(shown);
    }

    @Override
    public CopyProgress zeroingProgress(ProgressPlan plan, long total) {
        return showsProgress() && !plan.jsonOnStderr()
                ? new TerminalProgress(err, total, System::nanoTime, "zeroed") : CopyProgress.NONE;
    }

    @Override
    public CopyProgress verificationProgress(ProgressPlan plan, long total) {
        return showsProgress() && !plan.jsonOnStderr()
                ? new TerminalProgress(err, total, System::nanoTime, "verified") : CopyProgress.NONE;
    }
}
