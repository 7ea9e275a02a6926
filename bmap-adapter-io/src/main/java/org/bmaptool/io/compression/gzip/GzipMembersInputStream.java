package org.bmaptool.io.compression.gzip;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import org.bmaptool.io.compression.bytes.ByteStreams;
import org.bmaptool.io.compression.bytes.LittleEndian;

/**
 * A gzip file decoded by the JDK's native zlib, every member of it (pigz and {@code cat
 * a.gz b.gz} write several), each member's CRC-32 and length checked.
 *
 * <p>Not {@link java.util.zip.GZIPInputStream}: on JDK 17 it decides whether another
 * member follows by asking {@code available()}, which a pipe or socket may answer with 0,
 * and then ends early without an error: a silently short image. Trailing zero bytes
 * (padding) are accepted, as gzip accepts them; anything else after a member must be
 * another member.
 */
public final class GzipMembersInputStream extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private final InputStream in;
    private final byte[] input = new byte[1 << 17];
    private int inputStart;
    private int inputEnd;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberLength;
    private boolean inMember;
    private boolean finished;
    private int members;
    /** A member's trailer: its CRC-32 and length. */
    private final byte[] trailer = new byte[8];

    public GzipMembersInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        return ByteStreams.readOne(this);
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!finished) {
            if (!inMember) {
                if (!startMember()) {
                    finished = true;
                    break;
                }
            }
            int n = inflate(target, offset, length);
            if (n > 0) {
                crc.update(target, offset, n);
                memberLength += n;
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary");
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("the stream ends inside gzip member " + (members + 1));
                }
                inflater.setInput(input, inputStart, inputEnd - inputStart);
            }
        }
        return -1;
    }

    private int inflate(byte[] target, int offset, int length) throws ZipException {
        try {
            int n = inflater.inflate(target, offset, length);
            inputStart = inputEnd - inflater.getRemaining();
            return n;
        } catch (DataFormatException e) {
            throw new ZipException("invalid deflate data in gzip member " + (members + 1) + ": " + e.getMessage());
        }
    }

    /** Reads a member header; false at the end of the file (after zero padding, if any). */
    private boolean startMember() throws IOException {
        int first = readByte();
        if (first < 0 && members > 0) {
            return false;
        }
        if (first == 0 && members > 0) {
            int b;
            while ((b = readByte()) == 0) {
                // padding
            }
            if (b < 0) {
                return false;
            }
            throw new ZipException("bytes that are neither zero padding nor a gzip member follow member " + members);
        }
        if (first != 0x1f || readByte() != 0x8b) {
            throw new ZipException(members == 0 ? "no gzip magic number"
                    : "bytes that are not a gzip member follow member " + members);
        }
        if (readByte() != 8) {
            throw new ZipException("gzip member " + (members + 1) + " is not deflate-compressed");
        }
        int flags = needByte();
        if ((flags & RESERVED) != 0) {
            throw new ZipException("gzip member " + (members + 1) + " has reserved flags set");
        }
        skip(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            skip(needByte() | needByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        inflater.setInput(input, inputStart, inputEnd - inputStart);
        crc.reset();
        memberLength = 0;
        inMember = true;
        return true;
    }

    private void endMember() throws IOException {
        for (int i = 0; i < trailer.length; i++) {
            trailer[i] = (byte) needByte();
        }
        long expectedCrc = LittleEndian.getInt(trailer, 0) & 0xffffffffL;
        long expectedLength = LittleEndian.getInt(trailer, 4) & 0xffffffffL;
        members++;
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("CRC-32 mismatch in gzip member " + members);
        }
        if (expectedLength != (memberLength & 0xffffffffL)) {
            throw new ZipException("length mismatch in gzip member " + members);
        }
        inMember = false;
    }

    private void skipZeroTerminated() throws IOException {
        while (needByte() != 0) {
            // the name or comment is not needed
        }
    }

    private void skip(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            needByte();
        }
    }

    private int needByte() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw new EOFException("the stream ends inside a gzip header or trailer");
        }
        return b;
    }

    private int readByte() throws IOException {
        if (inputStart == inputEnd && !fill()) {
            return -1;
        }
        return input[inputStart++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(input, 0, input.length);
        if (n <= 0) {
            return false;
        }
        inputStart = 0;
        inputEnd = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
