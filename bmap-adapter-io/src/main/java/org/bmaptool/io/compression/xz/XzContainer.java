package org.bmaptool.io.compression.xz;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.bmaptool.io.compression.bytes.LittleEndian;
import org.bmaptool.io.compression.parallel.UnitDecodingException;
import org.tukaani.xz.CorruptedInputException;

/**
 * The xz container around the blocks, as the file passes: each stream's header, its
 * blocks' headers and the sizes they declare, and at its end its index and footer,
 * checked against the blocks. It also makes the index and footer of a stream of one
 * block, which turn a block into a unit the decoder checks as a whole stream.
 */
final class XzContainer {
    /** The size of a stream header, and of a stream footer. */
    static final int HEADER = 12;
    private static final byte[] HEADER_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

    private final XzInput input;
    /** The current stream's header, or null between streams. */
    private byte[] streamHeader;
    private long streamOffset;
    private int checkSize;
    /** The unpadded and decoded size of each block of the current stream, as its header says. */
    private long[] records = new long[64];
    private int blocks;

    XzContainer(XzInput input) {
        this.input = input;
    }

    /** Whether a stream has begun and not yet ended. */
    boolean inStream() {
        return streamHeader != null;
    }

    /** The file offset of the current stream's header. */
    long streamOffset() {
        return streamOffset;
    }

    /** The size of the current stream's block check (CRC-32, CRC-64, SHA-256 or none). */
    int checkSize() {
        return checkSize;
    }

    /** How many blocks of the current stream have been recorded. */
    int blocks() {
        return blocks;
    }

    /** Reads a stream header after stream padding, if any; false at the end of the file. */
    boolean startStream() throws IOException {
        byte[] header = new byte[HEADER];
        long at;
        while (true) {
            at = input.offset();
            int n = input.readUpTo(header, 0, 4);
            if (n == 0 && at > 0) {
                return false;
            }
            if (n < 4) {
                throw input.truncated("the xz file ends inside stream padding or a stream header");
            }
            if (header[0] != 0 || header[1] != 0 || header[2] != 0 || header[3] != 0 || at == 0) {
                break; // not padding: four zero bytes between streams
            }
        }
        input.readFully(header, 4, HEADER - 4);
        if (!Arrays.equals(header, 0, HEADER_MAGIC.length, HEADER_MAGIC, 0, HEADER_MAGIC.length)) {
            throw new UnitDecodingException(at, new CorruptedInputException("Garbage after a valid XZ Stream"));
        }
        streamHeader = header;
        streamOffset = at;
        blocks = 0;
        int check = header[7] & 0x0f;
        checkSize = check == 0 ? 0 : 4 << ((check - 1) / 3);
        return true;
    }

    /**
     * A new array of {@code length} bytes that starts a stream of one block: the current
     * stream's header, then {@code blockHeader}.
     */
    byte[] oneBlockStreamStart(byte[] blockHeader, int length) {
        byte[] start = new byte[length];
        System.arraycopy(streamHeader, 0, start, 0, HEADER);
        System.arraycopy(blockHeader, 0, start, HEADER, blockHeader.length);
        return start;
    }

    /**
     * The compressed and decoded sizes a block header holds, or null when it lacks either,
     * or is not as {@code xz} writes it (the sequential decoder then says what is wrong).
     */
    static long[] blockSizes(byte[] header) {
        int length = header.length;
        int flags = header[1] & 0xff;
        if (crc32(header, 0, length - 4) != LittleEndian.getInt(header, length - 4) || (flags & 0xc0) != 0xc0
                || (flags & 0x3c) != 0) {
            return null;
        }
        long[] sizes = new long[2];
        int at = 2;
        for (int i = 0; i < 2; i++) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                if (at >= length - 4 || shift > 56) {
                    return null;
                }
                int b = header[at++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    break;
                }
            }
            sizes[i] = value;
        }
        return sizes[0] > 0 ? sizes : null;
    }

    /** An index and stream footer for a stream of one block, of the current stream's flags. */
    byte[] oneBlockIndex(long unpadded, long decoded) {
        byte[] bytes = new byte[32 + HEADER];
        int at = 0;
        bytes[at++] = 0; // the index indicator
        bytes[at++] = 1; // one record
        at = putVarint(bytes, at, unpadded);
        at = putVarint(bytes, at, decoded);
        while (at % 4 != 0) {
            bytes[at++] = 0;
        }
        at = putCrc(bytes, 0, at);
        int indexSize = at;
        // The footer: the CRC-32 of what follows it, the index size, the header's flags, "YZ".
        LittleEndian.putInt(bytes, at + 4, indexSize / 4 - 1);
        bytes[at + 8] = streamHeader[6];
        bytes[at + 9] = streamHeader[7];
        putCrc(bytes, at + 4, at + 10);
        System.arraycopy(bytes, at + 10, bytes, at, 4);
        bytes[at + 10] = 'Y';
        bytes[at + 11] = 'Z';
        return Arrays.copyOf(bytes, at + HEADER);
    }

    /** A block of the current stream has passed: its record, for the check of the index. */
    void record(long unpadded, long decoded) {
        if (2 * blocks + 2 > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        records[2 * blocks] = unpadded;
        records[2 * blocks + 1] = decoded;
        blocks++;
    }

    /** Checks the stream's index (its indicator already read) against the blocks, and its footer. */
    void endStream(long indexOffset) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(0);
        long count = input.readVarint(crc);
        if (count != blocks) {
            throw XzInput.corrupt(indexOffset, "XZ Index has " + count + " records for " + blocks + " blocks");
        }
        for (int i = 0; i < 2 * blocks; i++) {
            if (input.readVarint(crc) != records[i]) {
                throw XzInput.corrupt(indexOffset, "XZ Index does not match a Block");
            }
        }
        while ((input.offset() - indexOffset) % 4 != 0) {
            int b = input.needByte();
            if (b != 0) {
                throw XzInput.corrupt(indexOffset, "XZ Index is corrupt");
            }
            crc.update(b);
        }
        byte[] tail = new byte[4 + HEADER];
        input.readFully(tail, 0, tail.length);
        long offset = input.offset();
        long indexSize = offset - HEADER - indexOffset;
        if ((int) crc.getValue() != LittleEndian.getInt(tail, 0)) {
            throw XzInput.corrupt(indexOffset, "XZ Index is corrupt");
        }
        if (crc32(tail, 8, 6) != LittleEndian.getInt(tail, 4) || tail[14] != 'Y' || tail[15] != 'Z') {
            throw XzInput.corrupt(offset - HEADER, "XZ Stream Footer is corrupt");
        }
        if ((LittleEndian.getInt(tail, 8) + 1L) * 4 != indexSize || tail[12] != streamHeader[6]
                || tail[13] != streamHeader[7]) {
            throw XzInput.corrupt(offset - HEADER, "XZ Stream Footer does not match Stream Header");
        }
        streamHeader = null;
    }

    private static int putVarint(byte[] target, int at, long value) {
        while (value >= 0x80) {
            target[at++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        target[at++] = (byte) value;
        return at;
    }

    /** Puts the CRC-32 of {@code target[from, to)} at {@code to}; returns the index after it. */
    private static int putCrc(byte[] target, int from, int to) {
        LittleEndian.putInt(target, to, crc32(target, from, to - from));
        return to + 4;
    }

    private static int crc32(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}
