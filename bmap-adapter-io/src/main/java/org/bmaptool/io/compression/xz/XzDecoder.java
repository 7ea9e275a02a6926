package org.bmaptool.io.compression.xz;

import java.io.IOException;
import java.io.InputStream;

/**
 * Who decodes xz for {@link XzBlocks}: the cutting of a file into blocks does not choose
 * between the system's liblzma and XZ for Java, the entry point does.
 */
public interface XzDecoder {

    /** One xz stream; nothing after its end is read. */
    InputStream xzStream(InputStream compressed) throws IOException;

    /** Concatenated xz streams and their padding, to the end of the input. */
    InputStream xz(InputStream compressed) throws IOException;
}
