package org.bmaptool.app;

import org.bmaptool.io.IoAdapters;
import org.bmaptool.linux.LinuxAdapters;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.ports.source.ImageSources;

/**
 * The ports the use cases run against. {@link #system()} wires the real adapters; tests
 * pass fakes.
 */
public record Ports(FileExtentsProbe extents, ImageSources sources, Destinations destinations,
                    UncachedReader readBack, SignatureVerifier signatures) {

    /** The given ports with the real (in-process, side-effect free) signature verifier. */
    public Ports(FileExtentsProbe extents, ImageSources sources, Destinations destinations, UncachedReader readBack) {
        this(extents, sources, destinations, readBack, IoAdapters.signatureVerifier());
    }

    /** The real adapters of this machine. */
    public static Ports system() {
        return new Ports(LinuxAdapters.fileExtentsProbe(), IoAdapters.imageSources(),
                LinuxAdapters.destinations(), LinuxAdapters.uncachedReader(), IoAdapters.signatureVerifier());
    }
}
