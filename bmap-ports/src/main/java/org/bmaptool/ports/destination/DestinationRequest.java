package org.bmaptool.ports.destination;

import java.nio.file.Path;

/**
 * What the copy asks of a destination before writing: the path, the image size it must
 * hold, and whether it must be a removable disk ({@code --removable-device}).
 */
public record DestinationRequest(Path path, long imageSize, boolean removableOnly) {
}
