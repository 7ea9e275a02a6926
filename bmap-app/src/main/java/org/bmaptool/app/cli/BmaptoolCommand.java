package org.bmaptool.app.cli;

import org.bmaptool.app.common.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top of the command line, {@code bmaptool [-h] [--version] [-q] [-d] COMMAND}, with
 * upstream bmaptool 3.9's global options. It holds what the subcommands share: the ports
 * and the console shaped by {@code --quiet} and {@code --debug}.
 */
@Command(name = "bmaptool",
        versionProvider = BmaptoolVersion.class,
        description = "Create block map (bmap) for a file or copy a file using bmap.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {CreateCommand.class, CopyCommand.class, VerifyCommand.class},
        footer = {"", "Run 'bmaptool COMMAND --help' for the options of a command."})
public final class BmaptoolCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show program's version number and exit.")
    boolean version;

    @Option(names = {"-q", "--quiet"}, description = "Be quiet.")
    boolean quiet;

    @Option(names = {"-d", "--debug"}, description = "Print debugging information (stack traces on errors).")
    boolean debug;

    private final java.util.function.Supplier<Ports> ports;
    private final java.io.PrintStream out;
    private final java.io.PrintStream err;

    public BmaptoolCommand(java.util.function.Supplier<Ports> ports, java.io.PrintStream out, java.io.PrintStream err) {
        this.ports = ports;
        this.out = out;
        this.err = err;
    }

    Ports ports() {
        return ports.get();
    }

    Console console() {
        if (quiet && debug) {
            throw new org.bmaptool.app.failure.CommandException("--quiet and --debug cannot be used together");
        }
        return new Console(out, err, quiet, debug);
    }

    boolean debugging() {
        return debug;
    }
}
