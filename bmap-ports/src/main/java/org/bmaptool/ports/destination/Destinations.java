package org.bmaptool.ports.destination;

/**
 * Port: opening a destination for writing, after every safety check that can be made
 * before the first byte: a block device must not be mounted, swap or held, must be big
 * enough and, when asked, removable, and is claimed exclusively; a regular file's
 * directory must exist, and the file is sized to the image.
 */
public interface Destinations {

    /**
     * Checks and opens the destination.
     *
     * @throws org.bmaptool.ports.PortException naming the destination and why it is refused
     */
    Destination open(DestinationRequest request);
}
