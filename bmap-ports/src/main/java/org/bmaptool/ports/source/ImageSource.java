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

    /**
     * Reads on from the last position read to the end of the image, dropping the bytes,
     * so that what only the end can tell is told: a compressed stream's decoder checks its
     * trailer (CRC, length, end mark) and that nothing follows it, and the program writing
     * a pipe finishes (and checks its own input) instead of dying of a broken pipe. A
     * source with nothing to check there returns at once without reading: a raw file, and
     * an uncompressed download, which is not fetched to its end for this.
     *
     * @param imageEnd the image's size when known (from its bmap), else -1: a stream with
     *     no end of its own (a pipe) is read up to there and no further, so that one that
     *     never ends cannot hold the copy
     * @return the image's real size when the read found its end, else empty
     * @throws IOException the decoder's failure (a {@link org.bmaptool.ports.PortException}
     *     naming the file and the offset: the stream is corrupt or truncated), or a read error
     */
    default OptionalLong readToEnd(long imageEnd) throws IOException {
        return OptionalLong.empty();
    }
}
