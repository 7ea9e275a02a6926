package org.bmaptool.ports.source;

import java.util.Optional;
import org.bmaptool.ports.location.Location;

/**
 * Port: opening images and the small files that go with them (bmaps, signatures) by the
 * {@link Location} the user typed: a path, {@code -} for standard input, or a URL.
 * Compressed images are recognised by the extension of the location's path, as upstream
 * bmaptool does, and decompressed on the fly.
 */
public interface ImageSources {

    /**
     * Opens the image at {@code location}.
     *
     * @throws org.bmaptool.ports.PortException when it cannot be opened
     */
    ImageSource open(Location location);

    /**
     * Reads a small file (a bmap or a signature) in full.
     *
     * @throws UnreadableFileException when it cannot be read, {@linkplain UnreadableFileException#missing()
     *     missing} when there is none (no such file, HTTP 404), with what was said as its
     *     {@linkplain UnreadableFileException#reason() reason}
     */
    byte[] read(Location location);

    /**
     * Reads a small file in full, or empty when there is none at {@code location}: for
     * looking beside an image, where a missing file means "try the next name".
     *
     * @throws UnreadableFileException when it exists but cannot be read
     */
    default Optional<byte[]> readIfExists(Location location) {
        try {
            return Optional.of(read(location));
        } catch (UnreadableFileException e) {
            if (e.missing()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
