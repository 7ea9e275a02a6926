package org.bmaptool.app.copy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bmaptool.app.report.ProgressPlan;
import org.bmaptool.app.signature.SignatureRequest;
import org.bmaptool.ports.location.Location;

/**
 * What {@code bmaptool copy} was asked, option for option as upstream bmaptool 3.9 spells
 * them: the image location (path, {@code -} or URL), the destinations (one, as upstream,
 * or several written at once), and the bmap, signature, verification and device options;
 * then this project's own: read-back verification, machine-readable progress and the
 * zeroing of the unmapped ranges ({@code --zero-unmapped}).
 */
public record CopyRequest(
        Location image,
        List<Path> destinations,
        Optional<Location> bmap,
        Optional<Location> bmapSignature,
        boolean noBmap,
        boolean noSignatureVerify,
        boolean noVerify,
        Optional<Path> psplashPipe,
        boolean removableDevice,
        Optional<Path> keyring,
        Optional<String> fingerprint,
        boolean readBack,
        ProgressFormat progressFormat,
        Optional<Path> progressFile,
        boolean zeroUnmapped) implements SignatureRequest {

    /** How progress is shown: the terminal bar (when stderr is one), or JSON lines for automation. */
    public enum ProgressFormat {
        BAR,
        JSON
    }

    public CopyRequest {
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("a copy needs a destination");
        }
    }

    /** Upstream's request: one destination, no read-back, the progress bar. */
    public CopyRequest(Location image, Path destination, Optional<Location> bmap, Optional<Location> bmapSignature,
                       boolean noBmap, boolean noSignatureVerify, boolean noVerify, Optional<Path> psplashPipe,
                       boolean removableDevice, Optional<Path> keyring, Optional<String> fingerprint) {
        this(image, List.of(destination), bmap, bmapSignature, noBmap, noSignatureVerify, noVerify, psplashPipe,
                removableDevice, keyring, fingerprint, false, ProgressFormat.BAR, Optional.empty(), false);
    }

    /** The progress the user asked for, as the {@link org.bmaptool.app.report.Report} takes it. */
    public ProgressPlan progressPlan() {
        return new ProgressPlan(progressFormat == ProgressFormat.JSON ? ProgressPlan.Format.JSON : ProgressPlan.Format.BAR,
                progressFile, psplashPipe);
    }

    /** The first destination: for a copy to one destination, the destination. */
    public Path destination() {
        return destinations.get(0);
    }
}
