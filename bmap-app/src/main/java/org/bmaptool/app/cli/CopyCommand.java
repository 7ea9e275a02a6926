package org.bmaptool.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bmaptool.app.copy.CopyImage;
import org.bmaptool.app.copy.CopyRequest;
import org.bmaptool.ports.location.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * {@code bmaptool copy [--bmap BMAP] [--bmap-sig SIG] [--nobmap] [--no-sig-verify]
 * [--no-verify] [--psplash-pipe PATH] [--removable-device] [--keyring KEYRING]
 * [--fingerprint FPR] IMAGE DEST}, as upstream 3.9 spells it; then this project's own
 * {@code [--read-back] [--zero-unmapped] [--progress FORMAT] [--progress-file PATH]} and more than one DEST.
 */
@Command(name = "copy",
        description = "Write an image to a block device using bmap.",
        sortOptions = false)
public final class CopyCommand implements Callable<Integer> {

    @ParentCommand
    BmaptoolCommand parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--bmap", paramLabel = "BMAP", description = "The bmap file to use for copying.")
    String bmap;

    @Option(names = "--bmap-sig", paramLabel = "BMAP_SIG",
            description = "The detached signature for the bmap file.")
    String bmapSignature;

    @Option(names = "--nobmap", description = "Allow copying without a bmap file.")
    boolean noBmap;

    @Option(names = "--no-sig-verify", description = "Do not verify bmap file signature.")
    boolean noSignatureVerify;

    @Option(names = "--no-verify", description = "Do not verify checksums.")
    boolean noVerify;

    @Option(names = "--psplash-pipe", paramLabel = "PSPLASH_PIPE",
            description = "Write progress to a psplash pipe.")
    Path psplashPipe;

    @Option(names = "--removable-device",
            description = "Copy to destination only if it is a removable block device.")
    boolean removableDevice;

    @Option(names = "--keyring", paramLabel = "KEYRING",
            description = "The GPG keyring to verify the bmap signature with.")
    Path keyring;

    @Option(names = "--fingerprint", paramLabel = "FINGERPRINT",
            description = "The GPG fingerprint which you expect to have signed the bmap file.")
    String fingerprint;

    @Option(names = "--read-back",
            description = "After writing and synchronizing, read every mapped range back from each destination, "
                    + "bypassing the page cache, and check it against the checksums of the bmap.")
    boolean readBack;

    @Option(names = "--zero-unmapped",
            description = "After the copy, make the ranges the bmap does not map read as zeros, so that the "
                    + "destination reads as the image everywhere (no data of an earlier image is left there): a block "
                    + "device has the kernel zero them (BLKZEROOUT: the device's write-zeroes or zeroing discard "
                    + "where it has them), a file gets holes. With --read-back a sample of them is read back too. "
                    + "Without a bmap (--nobmap) the whole image is written and there is nothing to zero.")
    boolean zeroUnmapped;

    @Option(names = "--progress", paramLabel = "FORMAT", converter = ProgressFormatConverter.class,
            description = "How to report progress: 'bar' (the default: a progress bar when stderr is a terminal) "
                    + "or 'json' (one JSON object per line, for automation).")
    CopyRequest.ProgressFormat progressFormat = CopyRequest.ProgressFormat.BAR;

    @Option(names = "--progress-file", paramLabel = "PATH",
            description = "Where --progress=json writes its lines: a file or FIFO (default: stderr).")
    Path progressFile;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image file to copy (a path, '-' for stdin, or a URL).")
    String image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DEST",
            description = "Destination file or device node; several are written at once from one read of the image.")
    List<Path> destinations;

    /** Picocli's enum conversion wants the constant's case; the option takes 'bar' and 'json'. */
    static final class ProgressFormatConverter implements CommandLine.ITypeConverter<CopyRequest.ProgressFormat> {
        @Override
        public CopyRequest.ProgressFormat convert(String value) {
            for (CopyRequest.ProgressFormat format : CopyRequest.ProgressFormat.values()) {
                if (format.name().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("expected 'bar' or 'json', not '" + value + "'");
        }
    }

    @Override
    public Integer call() {
        // Parsed once, here: every name derived from a location changes its path only.
        CopyRequest request = new CopyRequest(Location.parse(image), destinations,
                Optional.ofNullable(bmap).map(Location::parse), Optional.ofNullable(bmapSignature).map(Location::parse),
                noBmap, noSignatureVerify, noVerify,
                Optional.ofNullable(psplashPipe), removableDevice, Optional.ofNullable(keyring),
                Optional.ofNullable(fingerprint), readBack, progressFormat, Optional.ofNullable(progressFile),
                zeroUnmapped);
        Console console = parent.console();
        new CopyImage(parent.ports(), console, new SignalInterruptions(console)).run(request);
        return 0;
    }
}
