package org.bmaptool.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bmaptool.app.verify.VerifyDestination;
import org.bmaptool.app.verify.VerifyRequest;
import org.bmaptool.ports.location.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bmaptool verify --bmap BMAP DEST}: check a flashed file or device without the image. */
@Command(name = "verify",
        description = "Verify a flashed file or block device against the checksums of a bmap.",
        sortOptions = false)
public final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    BmaptoolCommand parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--bmap", required = true, paramLabel = "BMAP",
            description = "The bmap file (path or URL) whose checksums DEST must match.")
    String bmap;

    @Parameters(paramLabel = "DEST", description = "The flashed file or device node.")
    Path destination;

    @Override
    public Integer call() {
        new VerifyDestination(parent.ports(), parent.console()).run(new VerifyRequest(Location.parse(bmap), destination));
        return 0;
    }
}
