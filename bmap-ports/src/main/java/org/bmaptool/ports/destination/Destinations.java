package org.bmaptool.ports.destination;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.ports.PortException;

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

    /**
     * True when {@code a} and {@code b} name the same destination, so a copy would write
     * it twice. This default compares the normalized absolute paths; an adapter that can
     * ask the file system also finds two names of one file (a link, a device alias).
     */
    default boolean sameDestination(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Opens every destination or none, in the requests' order: when one is refused, every
     * one opened is closed again and the refusals are thrown together, so nothing is
     * written anywhere. This default opens them in order and undoes nothing on disk; an
     * adapter that knows its files does better (opens first what costs nothing to undo,
     * removes the files it created).
     *
     * @throws DestinationsRefused with a line for each refusal
     */
    default List<Destination> openAll(List<DestinationRequest> requests) {
        List<Destination> opened = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (DestinationRequest request : requests) {
            try {
                opened.add(open(request));
            } catch (PortException e) {
                refusals.add(e.getMessage());
            }
        }
        if (refusals.isEmpty()) {
            return List.copyOf(opened);
        }
        DestinationsRefused refused = new DestinationsRefused(requests.size(), refusals, List.of());
        DestinationsRefused.closeAll(opened, refused);
        throw refused;
    }
}
