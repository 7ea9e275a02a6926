package org.bmaptool.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bmaptool.app.create.CreateBmap;
import org.bmaptool.app.create.CreateRequest;
import org.bmaptool.domain.text.ByteCountException;
import org.bmaptool.domain.text.ByteRegion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bmaptool create [-o OUTPUT] [--no-checksum] IMAGE}, as upstream 3.9 spells it, and
 * this project's {@code [--nomap START:END]...} (the name upstream issue #29 proposes).
 */
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

    @Option(names = "--nomap", paramLabel = "START:END", converter = RegionConverter.class,
            description = "List the bytes START to END (END excluded) as mapped, with checksums, whether the file "
                    + "system stores them or not, so that copy writes them: zeros where the image has holes (a "
                    + "U-Boot environment, a boot area, a dm-verity file system that must not keep a previous "
                    + "image's data). Offsets take dd's suffixes (K, M, G, kB, MB, b for 512, ...); whole blocks "
                    + "are listed; may be repeated. A region past the image's end is an error.")
    List<ByteRegion> nomap = new ArrayList<>();

    @Parameters(paramLabel = "IMAGE", description = "The image to generate bmap for.")
    Path image;

    @Override
    public Integer call() {
        new CreateBmap(parent.ports(), parent.console())
                .run(new CreateRequest(image, Optional.ofNullable(output), !noChecksum, nomap));
        return 0;
    }

    /** {@code START:END} as {@link ByteRegion} reads it; a bad one is a usage error naming the option. */
    static final class RegionConverter implements CommandLine.ITypeConverter<ByteRegion> {
        @Override
        public ByteRegion convert(String value) {
            try {
                return ByteRegion.parse(value);
            } catch (ByteCountException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
