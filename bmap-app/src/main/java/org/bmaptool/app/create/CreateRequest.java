package org.bmaptool.app.create;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code bmaptool create} was asked: the image, where to write the bmap (standard
 * output when empty) and whether ranges get checksums.
 */
public record CreateRequest(Path image, Optional<Path> output, boolean checksums) {
}
