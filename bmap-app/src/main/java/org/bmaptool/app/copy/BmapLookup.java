package org.bmaptool.app.copy;

import java.io.IOException;
import java.util.Optional;
import org.bmaptool.app.common.ExplicitFile;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.report.Report;
import org.bmaptool.app.signature.BmapSignatureCheck;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;

/**
 * Finds the copy's bmap (the {@code --bmap} one, or the first {@link BmapDiscovery}
 * candidate that exists), checks its signature and reads it, with upstream's messages.
 */
final class BmapLookup {
    private final Ports ports;
    private final Report console;

    BmapLookup(Ports ports, Report console) {
        this.ports = ports;
        this.console = console;
    }

    Bmap find(CopyRequest request) {
        if (request.bmap().isPresent()) {
            Location bmap = request.bmap().get();
            if (bmap.equals(request.image())) {
                throw new CommandException("Make sure you are writing your image and not the bmap file "
                        + "(you specified the same path for them)");
            }
            return read(request, bmap, ExplicitFile.read(ports.sources(), bmap, "bmap file"));
        }
        for (Location candidate : BmapDiscovery.candidates(request.image(), Optional.empty())) {
            // Not there (no such file, HTTP 404) means: try the next name.
            Optional<byte[]> bytes;
            try {
                bytes = ports.sources().readIfExists(candidate);
            } catch (PortException e) {
                // Upstream opens the image first: a server that is down is told of the image.
                checkImageOpens(request);
                throw e;
            }
            if (bytes.isPresent()) {
                console.info("discovered bmap file '" + candidate.masked() + "'");
                return read(request, candidate, bytes.get());
            }
        }
        // Upstream opens the image first: a missing image is told as such, not as a missing bmap.
        checkImageOpens(request);
        throw new CommandException("bmap file not found, please, use --nobmap option to flash without bmap");
    }

    private void checkImageOpens(CopyRequest request) {
        try (ImageSource image = ImageOpening.open(ports, request.image())) {
            console.debug("image '" + image.name() + "' opens");
        } catch (IOException e) {
            console.debug("cannot close '" + request.image().masked() + "': " + e.getMessage());
        }
    }

    private Bmap read(CopyRequest request, Location location, byte[] bytes) {
        byte[] verified = new BmapSignatureCheck(ports, console).verifiedBmap(request, location, bytes);
        return BmapReader.read(BmapSource.of(location.masked(), verified));
    }
}
