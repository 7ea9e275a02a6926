package org.bmaptool.ports.source;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * An open image: a local file, standard input, a decompressed stream or a remote file,
 * read by position. A sequential source (a pipe, a decompressor) accepts positions that
 * never go back and skips forward by reading; a seekable one (a raw local file, a server
 * that takes Range requests) jumps. {@link #close} keeps {@link Closeable}'s
 * {@code IOException}: only the adapters' streams (which the compression adapter owns)
 * throw it, and a failed close after the last read loses nothing.
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
     * @throws org.bmaptool.ports.PortException on a read error or a position before one
     *     already read from a sequential source (its {@linkplain org.bmaptool.ports.PortException#subject()
     *     subject} the image's name, the message the cause), or a corrupt stream (a whole
     *     line naming the file and the offset)
     */
    int read(ByteBuffer target, long position);

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
     * @throws org.bmaptool.ports.PortException the decoder's failure (a whole line naming
     *     the file and the offset: the stream is corrupt or truncated), or a read error (with
     *     the image as its {@linkplain org.bmaptool.ports.PortException#subject() subject})
     */
    default OptionalLong readToEnd(long imageEnd) {
        return OptionalLong.empty();
    }
}
