package org.bmaptool.ports.destination;

import java.nio.file.Path;

/**
 * What the copy asks of a destination before writing: the path, the image size it must
 * hold, and whether it must be a removable disk ({@code --removable-device}). A negative
 * image size means it is not known yet (an image streamed without a bmap): then nothing
 * is checked against it and a regular file is only emptied, not sized. The image name
 * (empty when not given) is only for messages.
 */
public record DestinationRequest(Path path, long imageSize, boolean removableOnly, String imageName) {
    public DestinationRequest(Path path, long imageSize, boolean removableOnly) {
        this(path, imageSize, removableOnly, "");
    }
}
