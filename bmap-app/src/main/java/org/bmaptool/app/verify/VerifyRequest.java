package org.bmaptool.app.verify;

import java.nio.file.Path;

/** What {@code bmaptool verify} was asked: the bmap's location and the flashed file or device. */
public record VerifyRequest(String bmap, Path destination) {
}
