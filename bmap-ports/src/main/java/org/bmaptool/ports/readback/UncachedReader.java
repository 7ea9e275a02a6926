package org.bmaptool.ports.readback;

import java.nio.file.Path;
import org.bmaptool.ports.source.ImageSource;

/**
 * Port: reads back what a flashed file or device holds on its medium, not what the page
 * cache remembers of the writes: the cached pages are written out and dropped before the
 * first read. Read-back verification ({@code copy --read-back}, {@code verify}) uses it.
 */
public interface UncachedReader {

    /**
     * Opens {@code path} for reading by position.
     *
     * @throws org.bmaptool.ports.PortException when it cannot be opened
     */
    ImageSource open(Path path);
}
