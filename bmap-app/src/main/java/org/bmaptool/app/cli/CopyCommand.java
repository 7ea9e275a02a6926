package org.bmaptool.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bmaptool.app.copy.CopyImage;
import org.bmaptool.app.copy.CopyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bmaptool copy [--bmap BMAP] [--bmap-sig SIG] [--nobmap] [--no-sig-verify]
 * [--no-verify] [--psplash-pipe PATH] [--removable-device] [--keyring KEYRING]
 * [--fingerprint FPR] IMAGE DEST}, as upstream 3.9 spells it.
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

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image file to copy (a path, '-' for stdin, or a URL).")
    String image;

    @Parameters(index = "1", paramLabel = "DEST", description = "Destination file or device node.")
    Path destination;

    @Override
    public Integer call() {
        CopyRequest request = new CopyRequest(image, destination, Optional.ofNullable(bmap),
                Optional.ofNullable(bmapSignature), noBmap, noSignatureVerify, noVerify,
                Optional.ofNullable(psplashPipe), removableDevice, Optional.ofNullable(keyring),
                Optional.ofNullable(fingerprint));
        new CopyImage(parent.ports(), parent.console()).run(request);
        return 0;
    }
}
