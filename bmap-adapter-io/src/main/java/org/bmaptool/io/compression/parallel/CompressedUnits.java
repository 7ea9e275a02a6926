package org.bmaptool.io.compression.parallel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A compressed file cut into the units that decode independently of each other, front to
 * back, with the decoders for a unit and for a sequentially decoded rest. The cutting is
 * cheap next to the decoding: it reads headers or looks for magic numbers, never decodes.
 */
public interface CompressedUnits extends Closeable {

    /**
     * The next unit, or null after the last. After a {@linkplain CompressedUnit.Kind#REST rest}
     * unit it is not called again.
     *
     * @throws IOException when the file's structure is broken; a {@link UnitDecodingException} names the offset
     */
    CompressedUnit next() throws IOException;

    /** The file offset up to which the file has been cut into units. */
    long position();

    /** The compressed bytes after the last unit returned: what follows a rest unit. */
    InputStream remainder();

    /**
     * The whole compressed input of a {@linkplain CompressedUnit.Kind#STREAMED streamed} unit,
     * for {@link #unitDecoder}: its held start, then its bytes read straight from the file
     * as the decoder takes them. {@link #next()} may be called again only once the decoder
     * has read it to its end. A format whose units are all held (bzip2) keeps this
     * default: the unit's input is what is held of it.
     */
    default InputStream streamed(CompressedUnit unit) throws IOException {
        return new java.io.ByteArrayInputStream(unit.bytes(), 0, unit.length());
    }

    /**
     * {@code unit} has been decoded and read through, and its bytes will never be read
     * again: its array may hold a later unit.
     */
    default void reuse(CompressedUnit unit) {
    }

    /** Decodes one unit. */
    InputStream unitDecoder(InputStream unit) throws IOException;

    /** Decodes everything from a unit's start to the end of the file, front to back. */
    InputStream restDecoder(InputStream compressed) throws IOException;

    /**
     * Whether a cut may fall where no unit ends (bzip2 streams are found by a magic number
     * that compressed data may happen to hold): then a unit that breaks off exactly at its
     * end is decoded again together with what follows.
     */
    boolean cutsMayBeWrong();

    /** The format, for thread names: "bzip2". */
    String formatName();
}
