package org.bmaptool.io.compression.xz;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.bmaptool.io.compression.parallel.CompressedUnit;
import org.bmaptool.io.compression.parallel.CompressedUnits;
import org.bmaptool.io.compression.parallel.UnitDecodingException;
import org.tukaani.xz.CorruptedInputException;

/**
 * An xz file cut into its blocks. {@code xz -T} writes streams of many blocks whose
 * headers hold their compressed and decoded sizes, so a block's bytes can be taken
 * without decoding them; each becomes a unit of its own: the stream's header, the block,
 * and an index and footer for that one block, which tukaani's decoder then checks as it
 * checks a whole stream (the block's sizes and CRC or SHA-256). The real index and footer
 * of each stream are checked here against the blocks' headers. A block too large to hold
 * ({@code xz -T0 -9} writes blocks of up to 192 MiB, and incompressible data keeps them
 * that large) is streamed instead: decoded in turn, its bytes read straight from the file
 * through the same kind of one-block stream. So is a block without sizes after blocks
 * with them: its LZMA2 chunk headers, passed on to the decoder, say where it ends, and the
 * decoder checks that against the index made for it. A stream whose first block header
 * lacks the sizes (what plain {@code xz} writes), or holds anything unusual, is the start
 * of a sequentially decoded rest.
 */
public final class XzBlocks implements CompressedUnits {
    /** Larger blocks are not held in memory but streamed. */
    private static final int MAX_BLOCK = 48 << 20;
    private static final byte[] HEADER_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final int HEADER = 12;

    private final InputStream in;
    private final XzDecoder decoders;
    private final long maxBlock;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private long offset;

    /** The current stream's header, or null between streams. */
    private byte[] streamHeader;
    private long streamOffset;
    private int checkSize;
    /** The unpadded and decoded size of each block of the current stream, as its header says. */
    private long[] records = new long[64];
    private int blocks;
    /** The block last cut as a streamed unit, until the next cut. */
    private StreamedBlock streaming;

    public XzBlocks(InputStream in, XzDecoder decoders) {
        this(in, decoders, MAX_BLOCK);
    }

    /** Holding blocks up to {@code maxBlock} bytes: tests make it small to stream blocks of small files. */
    public XzBlocks(InputStream in, XzDecoder decoders, long maxBlock) {
        this.in = in;
        this.decoders = decoders;
        this.maxBlock = maxBlock;
    }

    @Override
    public CompressedUnit next() throws IOException {
        if (streaming != null) {
            if (!streaming.blockRead()) {
                throw new IllegalStateException("the streamed xz block was not read to its end");
            }
            record(streaming.unpadded(), streaming.decoded);
            streaming = null;
        }
        while (true) {
            if (streamHeader == null && !startStream()) {
                return null;
            }
            long blockOffset = offset;
            int first = readByte();
            if (first < 0) {
                throw truncated("the xz stream ends before its index");
            }
            if (first == 0) {
                endStream(blockOffset);
                continue;
            }
            int headerSize = (first + 1) * 4;
            byte[] header = new byte[headerSize];
            header[0] = (byte) first;
            readFully(header, 1, headerSize - 1);
            long[] sizes = sizes(header);
            if (sizes == null) {
                if (blocks == 0) {
                    return rest(header);
                }
                // Valid xz that no known tool writes: its end is found as it is decoded.
                return stream(header, blockOffset, -1, -1);
            }
            long compressed = sizes[0];
            long unpadded = headerSize + compressed + checkSize;
            long total = headerSize + (compressed + 3 & ~3L) + checkSize;
            if (total > maxBlock) {
                return stream(header, blockOffset, compressed, sizes[1]);
            }
            byte[] index = index(unpadded, sizes[1]);
            byte[] unit = new byte[HEADER + (int) total + index.length];
            System.arraycopy(streamHeader, 0, unit, 0, HEADER);
            System.arraycopy(header, 0, unit, HEADER, headerSize);
            readFully(unit, HEADER + headerSize, (int) total - headerSize);
            System.arraycopy(index, 0, unit, HEADER + (int) total, index.length);
            record(unpadded, sizes[1]);
            return CompressedUnit.held(unit, unit.length, HEADER, blockOffset, (int) total, sizes[1]);
        }
    }

    /** Reads a stream header after stream padding, if any; false at the end of the file. */
    private boolean startStream() throws IOException {
        byte[] header = new byte[HEADER];
        long at;
        while (true) {
            at = offset;
            int n = readUpTo(header, 4);
            if (n == 0 && at > 0) {
                return false;
            }
            if (n < 4) {
                throw truncated("the xz file ends inside stream padding or a stream header");
            }
            if (header[0] != 0 || header[1] != 0 || header[2] != 0 || header[3] != 0 || at == 0) {
                break; // not padding: four zero bytes between streams
            }
        }
        readFully(header, 4, HEADER - 4);
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
     * The compressed and decoded sizes a block header holds, or null when it lacks either,
     * or is not as {@code xz} writes it (the sequential decoder then says what is wrong).
     */
    private static long[] sizes(byte[] header) {
        int length = header.length;
        CRC32 crc = new CRC32();
        crc.update(header, 0, length - 4);
        int flags = header[1] & 0xff;
        if ((int) crc.getValue() != littleEndianInt(header, length - 4) || (flags & 0xc0) != 0xc0 || (flags & 0x3c) != 0) {
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

    /** An index and stream footer for a stream of one block. */
    private byte[] index(long unpadded, long decoded) {
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
        putLittleEndianInt(bytes, at + 4, indexSize / 4 - 1);
        bytes[at + 8] = streamHeader[6];
        bytes[at + 9] = streamHeader[7];
        putCrc(bytes, at + 4, at + 10);
        System.arraycopy(bytes, at + 10, bytes, at, 4);
        bytes[at + 10] = 'Y';
        bytes[at + 11] = 'Z';
        return Arrays.copyOf(bytes, at + HEADER);
    }

    private void record(long unpadded, long decoded) {
        if (2 * blocks + 2 > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        records[2 * blocks] = unpadded;
        records[2 * blocks + 1] = decoded;
        blocks++;
    }

    /** Checks the stream's index (its indicator already read) against the blocks, and its footer. */
    private void endStream(long indexOffset) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(0);
        long count = readVarint(crc);
        if (count != blocks) {
            throw corrupt(indexOffset, "XZ Index has " + count + " records for " + blocks + " blocks");
        }
        for (int i = 0; i < 2 * blocks; i++) {
            if (readVarint(crc) != records[i]) {
                throw corrupt(indexOffset, "XZ Index does not match a Block");
            }
        }
        while ((offset - indexOffset) % 4 != 0) {
            int b = needByte();
            if (b != 0) {
                throw corrupt(indexOffset, "XZ Index is corrupt");
            }
            crc.update(b);
        }
        byte[] tail = new byte[4 + HEADER];
        readFully(tail, 0, tail.length);
        long indexSize = offset - HEADER - indexOffset;
        CRC32 footerCrc = new CRC32();
        footerCrc.update(tail, 8, 6);
        if ((int) crc.getValue() != littleEndianInt(tail, 0)) {
            throw corrupt(indexOffset, "XZ Index is corrupt");
        }
        if ((int) footerCrc.getValue() != littleEndianInt(tail, 4) || tail[14] != 'Y' || tail[15] != 'Z') {
            throw corrupt(offset - HEADER, "XZ Stream Footer is corrupt");
        }
        if ((littleEndianInt(tail, 8) + 1L) * 4 != indexSize || tail[12] != streamHeader[6] || tail[13] != streamHeader[7]) {
            throw corrupt(offset - HEADER, "XZ Stream Footer does not match Stream Header");
        }
        streamHeader = null;
    }

    /** A streamed unit of the block whose header was just read; its bytes are read as it is decoded. */
    private CompressedUnit stream(byte[] blockHeader, long blockOffset, long compressed, long decoded) {
        byte[] start = new byte[HEADER + blockHeader.length];
        System.arraycopy(streamHeader, 0, start, 0, HEADER);
        System.arraycopy(blockHeader, 0, start, HEADER, blockHeader.length);
        streaming = new StreamedBlock(start, blockHeader.length, compressed);
        return CompressedUnit.streamed(start, start.length, HEADER, blockOffset, blockHeader.length, decoded);
    }

    @Override
    public InputStream streamed(CompressedUnit unit) {
        if (streaming == null || streaming.start != unit.bytes()) {
            throw new IllegalStateException("not the xz block cut last");
        }
        return streaming;
    }

    private CompressedUnit rest(byte[] blockHeader) {
        byte[] read = new byte[HEADER + blockHeader.length];
        System.arraycopy(streamHeader, 0, read, 0, HEADER);
        System.arraycopy(blockHeader, 0, read, HEADER, blockHeader.length);
        return CompressedUnit.rest(read, read.length, streamOffset);
    }

    private long readVarint(CRC32 crc) throws IOException {
        long value = 0;
        for (int shift = 0; shift <= 56; shift += 7) {
            int b = needByte();
            crc.update(b);
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        throw corrupt(offset, "XZ Index is corrupt");
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
        CRC32 crc = new CRC32();
        crc.update(target, from, to - from);
        putLittleEndianInt(target, to, (int) crc.getValue());
        return to + 4;
    }

    private static void putLittleEndianInt(byte[] target, int at, int value) {
        for (int i = 0; i < 4; i++) {
            target[at + i] = (byte) (value >>> 8 * i);
        }
    }

    private static int littleEndianInt(byte[] bytes, int at) {
        return bytes[at] & 0xff | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    private static UnitDecodingException corrupt(long at, String message) {
        return new UnitDecodingException(at, new CorruptedInputException(message));
    }

    private UnitDecodingException truncated(String message) {
        return new UnitDecodingException(offset, new EOFException(message));
    }

    private int needByte() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw truncated("the xz file ends inside an index or stream footer");
        }
        return b;
    }

    private int readByte() throws IOException {
        if (start == end && !fill()) {
            return -1;
        }
        offset++;
        return buffer[start++] & 0xff;
    }

    private void readFully(byte[] target, int at, int length) throws IOException {
        if (readUpTo(target, at, length) < length) {
            throw truncated("the xz file ends inside a block");
        }
    }

    private int readUpTo(byte[] target, int length) throws IOException {
        return readUpTo(target, 0, length);
    }

    /** Reads up to {@code length} bytes, fewer only at the end of the file. */
    private int readUpTo(byte[] target, int at, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (start == end) {
                // Large reads go straight through, without a copy.
                if (length - done >= buffer.length) {
                    int n = in.read(target, at + done, length - done);
                    if (n < 0) {
                        break;
                    }
                    done += n;
                    offset += n;
                    continue;
                }
                if (!fill()) {
                    break;
                }
            }
            int n = Math.min(length - done, end - start);
            System.arraycopy(buffer, start, target, at + done, n);
            start += n;
            done += n;
            offset += n;
        }
        return done;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        start = 0;
        end = n;
        return true;
    }

    /**
     * A one-block stream of a block read straight from the file: the stream and block
     * headers, the block's LZMA2 data, padding and check as the decoder takes them, then an
     * index and footer. The LZMA2 chunk headers passing through say the block's compressed
     * and decoded sizes (the filters before LZMA2 keep the size), known when its end
     * marker passes; the decoder checks the block against the index made of them, so a
     * miscount fails the block, never passes it. A block holds LZMA2 last: the decoder
     * accepts nothing else.
     */
    private final class StreamedBlock extends InputStream {
        final byte[] start;
        private final int headerSize;
        /** The compressed size in the block's header, or -1. */
        private final long declared;
        private int startRead;
        private final byte[] chunkHeader = new byte[6];
        private int chunkHeaderRead;
        private long chunkLeft;
        /** LZMA2 bytes passed so far. */
        private long compressed;
        /** Decoded bytes of the chunks whose headers have passed. */
        long decoded;
        private boolean dataEnded;
        /** Padding and check bytes yet to pass once the data has ended. */
        private long tailLeft;
        private byte[] index;
        private int indexRead;
        private final byte[] one = new byte[1];

        StreamedBlock(byte[] start, int headerSize, long declared) {
            this.start = start;
            this.headerSize = headerSize;
            this.declared = declared;
        }

        /** Whether all of the block's bytes have been read from the file. */
        boolean blockRead() {
            return index != null;
        }

        long unpadded() {
            return headerSize + compressed + checkSize;
        }

        @Override
        public int read() throws IOException {
            // The decoder reads chunk headers byte by byte.
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int at, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (startRead < start.length) {
                int n = Math.min(length, start.length - startRead);
                System.arraycopy(start, startRead, target, at, n);
                startRead += n;
                return n;
            }
            if (index != null) {
                if (indexRead == index.length) {
                    return -1;
                }
                int n = Math.min(length, index.length - indexRead);
                System.arraycopy(index, indexRead, target, at, n);
                indexRead += n;
                return n;
            }
            if (dataEnded) {
                int n = readUpTo(target, at, (int) Math.min(length, tailLeft));
                if (n == 0) {
                    throw truncated("the xz file ends inside a block");
                }
                tailLeft -= n;
                endIfDone();
                return n;
            }
            // Never read past the size the header gives: that is the next block's.
            long room = declared < 0 ? Long.MAX_VALUE : declared - compressed;
            if (room <= 0) {
                throw corrupt(offset, "XZ Block is longer than its header says");
            }
            if (chunkLeft > 0) {
                int n = readUpTo(target, at, (int) Math.min(length, Math.min(chunkLeft, room)));
                if (n == 0) {
                    throw truncated("the xz file ends inside a block");
                }
                chunkLeft -= n;
                compressed += n;
                return n;
            }
            // A chunk header's byte, one at a time: a few per chunk of up to 64 KiB.
            int b = readByte();
            if (b < 0) {
                throw truncated("the xz file ends inside a block");
            }
            compressed++;
            chunkHeaderByte(b);
            target[at] = (byte) b;
            return 1;
        }

        /** Takes in one byte of an LZMA2 chunk header: control, sizes, properties. */
        private void chunkHeaderByte(int b) throws IOException {
            chunkHeader[chunkHeaderRead++] = (byte) b;
            int control = chunkHeader[0] & 0xff;
            if (control == 0) {
                dataEnded = true; // the end marker
                tailLeft = (-(headerSize + compressed) & 3) + checkSize;
                endIfDone();
                return;
            }
            if (control > 2 && control < 0x80) {
                throw new CorruptedInputException();
            }
            int length = control < 0x80 ? 3 : control >= 0xc0 ? 6 : 5;
            if (chunkHeaderRead < length) {
                return;
            }
            int first = (chunkHeader[1] & 0xff) << 8 | chunkHeader[2] & 0xff;
            if (control < 0x80) {
                chunkLeft = first + 1; // stored, not compressed
                decoded += first + 1;
            } else {
                chunkLeft = ((chunkHeader[3] & 0xff) << 8 | chunkHeader[4] & 0xff) + 1;
                decoded += ((control & 0x1f) << 16 | first) + 1;
            }
            chunkHeaderRead = 0;
        }

        private void endIfDone() {
            if (tailLeft == 0) {
                index = index(unpadded(), decoded);
            }
        }
    }

    @Override
    public long position() {
        return offset;
    }

    @Override
    public InputStream remainder() {
        return new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOfRange(buffer, start, end)), in);
    }

    @Override
    public InputStream unitDecoder(InputStream unit) throws IOException {
        return decoders.xzStream(unit);
    }

    @Override
    public InputStream restDecoder(InputStream compressed) throws IOException {
        return decoders.xz(compressed);
    }

    @Override
    public boolean cutsMayBeWrong() {
        return false;
    }

    @Override
    public String formatName() {
        return "xz";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
