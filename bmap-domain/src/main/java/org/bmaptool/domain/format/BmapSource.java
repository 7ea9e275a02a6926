package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a bmap file that can be read more than once, with the name messages use.
 * Reading a bmap takes several streaming passes (validate, verify its own checksum,
 * then hand out ranges), so memory stays flat however large the map.
 */
public interface BmapSource {

    /** The file name or URL shown in messages. */
    String name();

    /** A fresh stream of the file's raw bytes from its start. */
    InputStream open() throws IOException;

    /** A source over bytes already in memory. */
    static BmapSource of(String name, byte[] bytes) {
        return new BmapSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(bytes);
            }
        };
    }
}
