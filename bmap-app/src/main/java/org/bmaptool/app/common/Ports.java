package org.bmaptool.app.common;

import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.ports.source.ImageSources;

/**
 * The ports the use cases run against, passed to them whole. A plain record: the real
 * adapters are wired in one place, the command line's {@code Wiring}; tests pass fakes.
 */
public record Ports(FileExtentsProbe extents, ImageSources sources, Destinations destinations,
                    UncachedReader readBack, SignatureVerifier signatures) {
}
