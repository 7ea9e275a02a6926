package org.bmaptool.ports.extents;

/** A run of bytes of a file that holds data: {@code length} bytes from {@code offset}. */
public record ByteExtent(long offset, long length) {

    public ByteExtent {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("bad extent " + offset + "+" + length);
        }
    }

    /** The byte just past the extent. */
    public long end() {
        return offset + length;
    }
}
