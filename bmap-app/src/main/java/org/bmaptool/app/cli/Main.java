package org.bmaptool.app.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.failure.UsageError;
import org.bmaptool.domain.format.BmapException;
import org.bmaptool.ports.PortException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs one command line and maps every outcome to an exit code, all of them here:
 * {@link #OK} success, {@link #FAILED} an operational error (one {@code bmaptool: ERROR:}
 * line), {@link #USAGE} a usage error, {@link #INTERRUPTED} an interrupted copy, and
 * {@link #INTERNAL} a bug (an unexpected exception or error), which asks to be
 * reported. Stack traces appear only with {@code --debug}. The catch ladder of
 * {@link #run} follows the JDK's {@code jlink} ({@code JlinkTask.run}): one catch per
 * kind of failure, the most specific first.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** EX_SOFTWARE of sysexits.h: an internal software error. */
    public static final int INTERNAL = 70;
    /** A copy stopped by SIGINT or SIGTERM, as a shell reports Ctrl-C. */
    public static final int INTERRUPTED = 130;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, Wiring::systemPorts, args));
    }

    /** Runs one command line against the ports {@code ports} supplies (wired only when a command needs them). */
    public static int run(PrintStream out, PrintStream err, Supplier<Ports> ports, String... args) {
        boolean debug = Arrays.asList(args).contains("-d") || Arrays.asList(args).contains("--debug");
        Console console = new Console(out, err, false, debug);
        CommandLine cli = commandLine(ports, out, err);
        try {
            ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return OK;
            }
            List<CommandLine> chosen = parsed.asCommandLineList();
            CommandLine leaf = chosen.get(chosen.size() - 1);
            if (leaf == cli) {
                err.print(cli.getUsageMessage());
                err.println("bmaptool: error: a command is required (create or copy)");
                return USAGE;
            }
            Callable<?> command = leaf.getCommand();
            Object code = command.call();
            return code instanceof Integer ? (Integer) code : OK;
        } catch (ParameterException e) {
            CommandLine where = e.getCommandLine();
            err.print(where.getHelp().synopsisHeading() + where.getHelp().synopsis(0));
            err.println("bmaptool: error: " + e.getMessage());
            return USAGE;
        } catch (Exception | Error e) {
            return report(console, e);
        }
    }

    /** Prints {@code failure} as its one line (and its stack trace with {@code --debug}); its exit code. */
    static int report(Console console, Throwable failure) {
        int code = exitCode(failure);
        console.error(code == INTERNAL ? "internal error: " + failure
                + " (this is a bug in bmaptool: please report it, with the output of --debug)" : failure.getMessage());
        if (console.debugging()) {
            failure.printStackTrace(console.err());
        }
        return code;
    }

    /** The exit code of a command that ended with {@code failure}. */
    static int exitCode(Throwable failure) {
        if (failure instanceof UsageError) {
            return USAGE;
        } else if (failure instanceof Interrupted) {
            return INTERRUPTED;
        } else if (failure instanceof CommandException || failure instanceof BmapException
                || failure instanceof PortException) {
            return FAILED;
        }
        return INTERNAL;
    }

    /** The picocli model of the command line; also used to generate the man page and completion. */
    public static CommandLine commandLine(Supplier<Ports> ports, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BmaptoolCommand(ports, out, err));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli;
    }
}
