package org.bmaptool.io.compression.xz;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import org.bmaptool.io.compression.bytes.CountingInputStream;
import org.bmaptool.io.compression.parallel.UnitDecodingException;
import org.tukaani.xz.CorruptedInputException;

/**
 * The bytes of an xz file as the block cutter reads them: buffered, counted from the
 * file's start, and failing with the offset where the file breaks off or is corrupt.
 */
final class XzInput implements Closeable {
    private final CountingInputStream in;

    XzInput(InputStream in) {
        this.in = new CountingInputStream(in, 1 << 16);
    }

    /** The file offset of the next byte. */
    long offset() {
        return in.count();
    }

    /** The next byte, or -1 at the end of the file. */
    int readByte() throws IOException {
        return in.read();
    }

    /** The next byte of an index or footer, which must not end there. */
    int needByte() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw truncated("the xz file ends inside an index or stream footer");
        }
        return b;
    }

    /** Reads exactly {@code length} bytes of a block. */
    void readFully(byte[] target, int at, int length) throws IOException {
        if (readUpTo(target, at, length) < length) {
            throw truncated("the xz file ends inside a block");
        }
    }

    /** Reads up to {@code length} bytes, fewer only at the end of the file; large reads go straight through. */
    int readUpTo(byte[] target, int at, int length) throws IOException {
        return in.readNBytes(target, at, length);
    }

    /** An index's variable-length integer, fed to the index's {@code crc}. */
    long readVarint(CRC32 crc) throws IOException {
        long value = 0;
        for (int shift = 0; shift <= 56; shift += 7) {
            int b = needByte();
            crc.update(b);
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        throw corrupt(offset(), "XZ Index is corrupt");
    }

    /** The file ends here, inside what {@code message} says. */
    UnitDecodingException truncated(String message) {
        return new UnitDecodingException(offset(), new EOFException(message));
    }

    static UnitDecodingException corrupt(long at, String message) {
        return new UnitDecodingException(at, new CorruptedInputException(message));
    }

    /** The bytes not read yet. */
    InputStream remainder() {
        return in.remainder();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
