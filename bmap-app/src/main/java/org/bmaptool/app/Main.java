package org.bmaptool.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.bmaptool.app.cli.BmaptoolCommand;
import org.bmaptool.domain.format.BmapException;
import org.bmaptool.ports.PortException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code bmaptool} entry point: {@link #main} exits with what {@link #run} returns,
 * and {@code run} maps every outcome to an exit code in one place: 0 success, 1 an
 * operational error (one {@code bmaptool: ERROR:} line), 2 a usage error, 130 an
 * interrupted copy. Stack traces appear only with {@code --debug}.
 */
public final class Main {
    public static final int OK = 0;
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, Ports::system, args));
    }

    /** Runs one command line against the ports {@code ports} supplies (wired only when a command needs them). */
    public static int run(PrintStream out, PrintStream err, java.util.function.Supplier<Ports> ports, String... args) {
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
        } catch (CommandException e) {
            report(console, e.getMessage(), e);
            return e.exitCode();
        } catch (BmapException | PortException e) {
            report(console, e.getMessage(), e);
            return CommandException.FAILED;
        } catch (Exception | Error e) {
            report(console, "internal error: " + e, e);
            return CommandException.FAILED;
        }
    }

    private static void report(Console console, String message, Throwable cause) {
        console.error(message);
        if (console.debugging()) {
            cause.printStackTrace(console.err());
        }
    }

    /** The picocli model of the command line; also used to generate the man page and completion. */
    public static CommandLine commandLine(java.util.function.Supplier<Ports> ports, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BmaptoolCommand(ports, out, err));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli;
    }
}
