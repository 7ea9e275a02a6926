package org.bmaptool.io.compression.bzip2;

import java.io.IOException;
import java.io.InputStream;

/**
 * Who decodes bzip2 for {@link Bzip2Streams}: the cutting of a file into streams does not
 * choose between the system's libbz2 and the Java decoder, the entry point does.
 */
public interface Bzip2Decoder {

    /** Concatenated bzip2 streams, to the end of the input. */
    InputStream bzip2(InputStream compressed) throws IOException;
}
