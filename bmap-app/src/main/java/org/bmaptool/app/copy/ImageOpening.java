package org.bmaptool.app.copy;

import org.bmaptool.app.common.Ports;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;

/**
 * Opens the copy's image, failing as upstream does: a failure to reach it begins with
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
            // Only a failure to reach the image ("cannot read 'URL': ...") gets upstream's words
            // in front; one that names the image's own fault ("'IMG.xz' is not an xz stream")
            // or already says "cannot open image file" stays as it is.
            if (!message.startsWith("cannot ") || message.startsWith("cannot open image")) {
                throw e;
            }
            throw new CommandException("cannot open image: " + message, e);
        }
    }
}
