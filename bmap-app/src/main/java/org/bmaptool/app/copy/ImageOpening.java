package org.bmaptool.app.copy;

import org.bmaptool.app.common.Ports;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;

/**
 * Opens the copy's image, failing as upstream does: every failure to open it begins with
 * {@code cannot open image} (scripts match upstream's phrase), followed by the adapter's
 * own account, such as {@code cannot read 'URL': HTTP 404 Not Found}.
 */
final class ImageOpening {

    private ImageOpening() {
    }

    static ImageSource open(Ports ports, Location image) {
        try {
            return ports.sources().open(image);
        } catch (PortException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("cannot open image")) {
                throw e;
            }
            throw new CommandException("cannot open image: " + message, e);
        }
    }
}
