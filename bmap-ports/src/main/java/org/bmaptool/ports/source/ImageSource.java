package org.bmaptool.ports.source;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * An open image: a local file, standard input, a decompressed stream or a remote file,
 * read by position. A sequential source (a pipe, a decompressor) accepts positions that
 * never go back and skips forward by reading; a seekable one (a raw local file, a server
 * that takes Range requests) jumps.
 */
public interface ImageSource extends Closeable {

    /** The name shown in messages: a path, or a URL with any password masked. */
    String name();

    /** The size of the (decompressed) image, when known before reading it. */
    OptionalLong size();

    /**
     * Reads bytes at {@code position} into {@code target}, as many as are there up to its
     * remaining space.
     *
     * @return the number of bytes read, or -1 at the end of the image
     * @throws IOException on a read error, a corrupt stream, or a position before one
     *     already read from a sequential source
     */
    int read(ByteBuffer target, long position) throws IOException;
}
