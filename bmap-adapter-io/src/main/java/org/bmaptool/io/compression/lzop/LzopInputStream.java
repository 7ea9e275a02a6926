package org.bmaptool.io.compression.lzop;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lzo.LzoDecompressor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.ZipException;
import org.bmaptool.io.compression.bytes.ByteStreams;

/**
 * An lzop file decoded: the lzop container (header, then blocks each with its lengths
 * and checksums) read here, the LZO1X blocks decoded by aircompressor. Every checksum the
 * file carries (header, decoded and compressed blocks, Adler-32 or CRC-32) is checked,
 * and concatenated lzop files are read one after the other, as {@code lzop -d} does.
 */
public final class LzopInputStream extends InputStream {
    /** The bytes every lzop file begins with. */
    public static final byte[] MAGIC = {(byte) 0x89, 'L', 'Z', 'O', 0, '\r', '\n', 0x1a, '\n'};

    private static final int F_ADLER32_D = 0x1;
    private static final int F_ADLER32_C = 0x2;
    private static final int F_H_EXTRA_FIELD = 0x40;
    private static final int F_CRC32_D = 0x100;
    private static final int F_CRC32_C = 0x200;
    private static final int F_MULTIPART = 0x400;
    private static final int F_H_FILTER = 0x800;
    private static final int F_H_CRC32 = 0x1000;
    /** lzop's own limit on a block's decoded length. */
    private static final int MAX_BLOCK = 64 << 20;

    private final DataInputStream in;
    private final LzoDecompressor lzo = new LzoDecompressor();
    private int flags;
    private byte[] compressed = new byte[0];
    private byte[] block = new byte[0];
    private int blockStart;
    private int blockEnd;
    private long blocks;
    private boolean finished;

    public LzopInputStream(InputStream in) throws IOException {
        this.in = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        this.in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ZipException("no lzop magic number");
        }
        readHeader();
    }

    /** The file header after the magic number; its checksum covers every field up to the name. */
    private void readHeader() throws IOException {
        Adler32 adler = new Adler32();
        CRC32 crc = new CRC32();
        HeaderReader header = new HeaderReader(in, adler, crc);
        int version = header.u16();
        header.u16(); // library version
        if (version >= 0x0940) {
            header.u16(); // version needed to extract
        }
        int method = header.u8();
        if (method < 1 || method > 3) {
            throw new ZipException("lzop compression method " + method + " is not LZO1X");
        }
        if (version >= 0x0940) {
            header.u8(); // level
        }
        flags = header.u32();
        if ((flags & F_H_FILTER) != 0) {
            throw new ZipException("lzop filter " + header.u32() + " is not supported");
        }
        if ((flags & F_MULTIPART) != 0) {
            throw new ZipException("multipart lzop files are not supported");
        }
        header.u32(); // mode
        header.u32(); // modification time, low half
        if (version >= 0x0940) {
            header.u32(); // high half
        }
        header.bytes(header.u8()); // original name
        long expected = in.readInt() & 0xffffffffL;
        long actual = (flags & F_H_CRC32) != 0 ? crc.getValue() : adler.getValue();
        if (expected != actual) {
            throw new ZipException("lzop header checksum mismatch");
        }
        if ((flags & F_H_EXTRA_FIELD) != 0) {
            int length = in.readInt();
            in.skipNBytes(length & 0xffffffffL);
            in.readInt(); // its checksum
        }
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
        while (blockStart == blockEnd) {
            if (finished || !nextBlock()) {
                finished = true;
                return -1;
            }
        }
        int n = Math.min(length, blockEnd - blockStart);
        System.arraycopy(block, blockStart, target, offset, n);
        blockStart += n;
        return n;
    }

    /** Decodes the next block; false at the end of the last concatenated file. */
    private boolean nextBlock() throws IOException {
        int decodedLength = in.readInt();
        if (decodedLength == 0) {
            return nextFile();
        }
        int compressedLength = in.readInt();
        blocks++;
        if (decodedLength < 0 || decodedLength > MAX_BLOCK || compressedLength <= 0
                || compressedLength > decodedLength) {
            throw new ZipException("lzop block " + blocks + " has impossible lengths");
        }
        long decodedAdler = (flags & F_ADLER32_D) != 0 ? in.readInt() & 0xffffffffL : -1;
        long decodedCrc = (flags & F_CRC32_D) != 0 ? in.readInt() & 0xffffffffL : -1;
        boolean packed = compressedLength < decodedLength;
        long compressedAdler = packed && (flags & F_ADLER32_C) != 0 ? in.readInt() & 0xffffffffL : -1;
        long compressedCrc = packed && (flags & F_CRC32_C) != 0 ? in.readInt() & 0xffffffffL : -1;
        if (block.length < decodedLength) {
            block = new byte[decodedLength];
        }
        if (packed) {
            if (compressed.length < compressedLength) {
                compressed = new byte[compressedLength];
            }
            in.readFully(compressed, 0, compressedLength);
            check(new Adler32(), compressedAdler, compressed, compressedLength, "compressed");
            check(new CRC32(), compressedCrc, compressed, compressedLength, "compressed");
            int n;
            try {
                n = lzo.decompress(compressed, 0, compressedLength, block, 0, decodedLength);
            } catch (MalformedInputException e) {
                throw new ZipException("invalid LZO data in lzop block " + blocks);
            }
            if (n != decodedLength) {
                throw new ZipException("lzop block " + blocks + " decodes to " + n + " bytes, not " + decodedLength);
            }
        } else {
            in.readFully(block, 0, decodedLength);
        }
        check(new Adler32(), decodedAdler, block, decodedLength, "decoded");
        check(new CRC32(), decodedCrc, block, decodedLength, "decoded");
        blockStart = 0;
        blockEnd = decodedLength;
        return true;
    }

    /** After a file's end marker: the end of the stream, or another lzop file. */
    private boolean nextFile() throws IOException {
        byte[] magic = new byte[MAGIC.length];
        int n = in.readNBytes(magic, 0, magic.length);
        if (n == 0) {
            return false;
        }
        if (n < magic.length || !Arrays.equals(magic, MAGIC)) {
            throw new ZipException("bytes that are not an lzop file follow its end");
        }
        readHeader();
        return nextBlock();
    }

    private void check(Checksum checksum, long expected, byte[] bytes, int length, String which)
            throws ZipException {
        if (expected < 0) {
            return;
        }
        checksum.update(bytes, 0, length);
        if (checksum.getValue() != expected) {
            throw new ZipException(checksum.getClass().getSimpleName() + " mismatch of the " + which
                    + " bytes of lzop block " + blocks);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads big-endian header fields, feeding both checksums lzop may have used. */
    private static final class HeaderReader {
        private final DataInputStream in;
        private final Checksum[] checksums;

        HeaderReader(DataInputStream in, Checksum... checksums) {
            this.in = in;
            this.checksums = checksums;
        }

        int u8() throws IOException {
            return bytes(1)[0] & 0xff;
        }

        int u16() throws IOException {
            byte[] b = bytes(2);
            return (b[0] & 0xff) << 8 | b[1] & 0xff;
        }

        int u32() throws IOException {
            byte[] b = bytes(4);
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
        }

        byte[] bytes(int count) throws IOException {
            byte[] b = new byte[count];
            in.readFully(b);
            for (Checksum checksum : checksums) {
                checksum.update(b, 0, count);
            }
            return b;
        }
    }
}
