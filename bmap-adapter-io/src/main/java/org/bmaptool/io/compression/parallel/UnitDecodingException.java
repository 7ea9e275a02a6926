package org.bmaptool.io.compression.parallel;

import java.io.IOException;

/**
 * A decoding failure of a unit decoded apart from the reading of the file, with the file
 * offset where it broke off: the count of bytes read so far says nothing when the file is
 * read ahead of the decoding.
 */
public final class UnitDecodingException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public UnitDecodingException(long offset, Exception cause) {
        super(cause.getMessage(), cause);
        this.offset = offset;
    }

    /** The compressed byte at which decoding broke off. */
    public long offset() {
        return offset;
    }

    /** What the decoder threw. */
    public Exception failure() {
        return (Exception) getCause();
    }
}
