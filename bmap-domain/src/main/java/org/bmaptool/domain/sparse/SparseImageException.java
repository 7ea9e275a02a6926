package org.bmaptool.domain.sparse;

import org.bmaptool.domain.format.BmapException;

/**
 * An input that is not a valid Android sparse image, or a sparse image that cannot be
 * written. It is a {@link BmapException}, the domain's one failure channel, so the
 * callers report it as every other operational error: one line naming the file and,
 * for a bad chunk, its number (counted from 1) and the byte offset of its header.
 */
public final class SparseImageException extends BmapException {
    private static final long serialVersionUID = 1L;

    public SparseImageException(String message) {
        super(message);
    }

    static SparseImageException invalid(String name, String why) {
        return new SparseImageException("'" + name + "' is not a valid Android sparse image: " + why);
    }

    static SparseImageException atChunk(String name, int number, long offset, String why) {
        return invalid(name, "chunk " + number + " at byte " + offset + " " + why);
    }
}
