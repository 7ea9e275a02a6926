package org.bmaptool.io.compression.parallel;

import java.io.IOException;

/**
 * What a decoder thread threw, made fit for the user's one-line message: errors too must
 * reach the reader (an xz header may ask for more memory than the heap has), as
 * exceptions that say what happened.
 */
public final class DecoderFailures {

    private DecoderFailures() {
    }

    /** What a decoder threw, errors made into exceptions with a message for the user. */
    public static Exception asException(Throwable e) {
        return e instanceof Exception ? (Exception) e
                : new IOException(e instanceof StackOverflowError ? "decoder stack overflow"
                : e instanceof OutOfMemoryError ? "the stream needs more memory to decode than there is ("
                        + e.getMessage() + ")" : "the decoder failed: " + e, e);
    }
}
