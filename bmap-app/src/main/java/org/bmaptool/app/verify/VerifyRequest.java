package org.bmaptool.app.verify;

import java.nio.file.Path;
import org.bmaptool.ports.location.Location;

/** What {@code bmaptool verify} was asked: the bmap's location and the flashed file or device. */
public record VerifyRequest(Location bmap, Path destination) {
}
