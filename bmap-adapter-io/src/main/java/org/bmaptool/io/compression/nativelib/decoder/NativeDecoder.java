package org.bmaptool.io.compression.nativelib.decoder;

import java.io.IOException;

/**
 * One native library's decoder over its own state struct, as {@link NativeDecodingInputStream}
 * drives it: what differs between liblzma and libbz2 (their calls and messages) behind
 * the few steps they share; the struct's fields are its {@link #stream()}.
 */
interface NativeDecoder {
    /** Initialises the decoder in its struct, whose other fields are zero or already set. */
    void init() throws IOException;

    /** Decodes what it can of the input into the output; {@code finish} once the input has ended. */
    int code(boolean finish);

    /** Frees the decoder's memory. */
    void end();

    boolean isStreamEnd(int status);

    /** The failure for a status that is neither progress nor an end, or null. */
    IOException failure(int status, int streamsEnded);

    /** Whether another stream may follow an ended one in the same input. */
    boolean restartsAfterEnd();

    /** The struct it decodes through. */
    NativeStream stream();
}
