package org.bmaptool.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bmaptool.app.create.CreateBmap;
import org.bmaptool.app.create.CreateRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bmaptool create [-o OUTPUT] [--no-checksum] IMAGE}, as upstream 3.9 spells it. */
@Command(name = "create",
        description = "Create bmap for an image file.",
        sortOptions = false)
public final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    BmaptoolCommand parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT",
            description = "Output file name (printed to stdout if not given).")
    Path output;

    @Option(names = "--no-checksum", description = "Generate a bmap without checksums.")
    boolean noChecksum;

    @Parameters(paramLabel = "IMAGE", description = "The image to generate bmap for.")
    Path image;

    @Override
    public Integer call() {
        new CreateBmap(parent.ports(), parent.console())
                .run(new CreateRequest(image, Optional.ofNullable(output), !noChecksum));
        return 0;
    }
}
