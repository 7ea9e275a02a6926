package org.bmaptool.app.common;

import org.bmaptool.app.failure.CommandException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSources;
import org.bmaptool.ports.source.UnreadableFileException;

/**
 * A bmap or signature the user named ({@code --bmap}, {@code --bmap-sig}), read in full.
 * Unlike a name tried beside the image, it must be there: when it cannot be read the
 * error says so in upstream's words and names what was said,
 * {@code cannot open bmap file 'URL': HTTP 404 Not Found}.
 */
public final class ExplicitFile {

    private ExplicitFile() {
    }

    /**
     * The bytes at {@code location}.
     *
     * @param what how the message calls the file: "bmap file", "bmap signature file"
     * @throws CommandException {@code cannot open WHAT 'NAME': REASON} when it cannot be read
     */
    public static byte[] read(ImageSources sources, Location location, String what) {
        try {
            return sources.read(location);
        } catch (UnreadableFileException e) {
            throw new CommandException("cannot open " + what + " '" + location.masked() + "': " + e.reason(), e);
        }
    }
}
