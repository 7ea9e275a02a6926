package org.bmaptool.ports.source;

import java.util.Optional;

/**
 * Port: opening images and the small files that go with them (bmaps, signatures) by the
 * location the user typed: a path, {@code -} for standard input, or a URL. Compressed
 * images are recognised by their extension, as upstream bmaptool does, and decompressed
 * on the fly.
 */
public interface ImageSources {

    /**
     * Opens the image at {@code location}.
     *
     * @throws org.bmaptool.ports.PortException when it cannot be opened
     */
    ImageSource open(String location);

    /**
     * Reads a small file (a bmap or a signature) in full, or empty when there is none at
     * {@code location}.
     *
     * @throws org.bmaptool.ports.PortException when it exists but cannot be read
     */
    Optional<byte[]> readIfExists(String location);

    /**
     * How to name {@code location} in messages: as typed, but with the password of a URL
     * masked, since a password is never printed.
     */
    default String displayName(String location) {
        return location;
    }
}
