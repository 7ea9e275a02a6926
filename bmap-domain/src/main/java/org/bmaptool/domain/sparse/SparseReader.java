package org.bmaptool.domain.sparse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A streaming reader of an Android sparse image (format 1.0, AOSP libsparse's rules). It
 * reads the file header when opened, then hands out the chunks one at a time with the
 * block of the expanded image each starts at; the bytes of a RAW chunk are read through
 * {@link #data()}, a sub-stream bounded to the chunk, so no chunk is ever held in memory
 * (data left unread is skipped by the next {@link #next()}). Every rule is checked on the
 * way, and a failure is a {@link SparseImageException} naming the file, the chunk and its
 * byte offset: CRC32 chunks and a non-zero image checksum are compared with the CRC-32 of
 * the image expanded so far, DONT_CARE counting as zeros as libsparse counts it.
 */
public final class SparseReader {

    private static final int SCRATCH = 1 << 16;

    private final String name;
    private final InputStream in;
    private final SparseHeader header;
    private final int chunkHeaderSize;
    private final ExpandedCrc crc = new ExpandedCrc();
    private final byte[] scratch = new byte[SCRATCH];
    private long position;
    private long nextBlock;
    private int chunksRead;
    private ChunkData data;
    private boolean finished;

    private SparseReader(String name, InputStream in, SparseHeader header, int chunkHeaderSize, long position) {
        this.name = name;
        this.in = in;
        this.header = header;
        this.chunkHeaderSize = chunkHeaderSize;
        this.position = position;
    }

    /**
     * Reads the file header from {@code in}; {@code name} is the file as the messages name
     * it. The stream is left at the first chunk and is not closed by the reader.
     */
    public static SparseReader open(String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(SparseHeader.SIZE);
        if (!SparseHeader.looksLikeSparse(bytes)) {
            throw SparseImageException.invalid(name, "it does not start with the magic 0xED26FF3A");
        }
        if (bytes.length < SparseHeader.SIZE) {
            throw SparseImageException.invalid(name, "the file ends after " + bytes.length + " bytes, inside the 28-byte file header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = Short.toUnsignedInt(b.getShort(4));
        // The minor version is ignored, as libsparse ignores it: a higher minor must stay readable.
        int fileHeaderSize = Short.toUnsignedInt(b.getShort(8));
        int chunkHeaderSize = Short.toUnsignedInt(b.getShort(10));
        int blockSize = b.getInt(12);
        if (major != 1) {
            throw SparseImageException.invalid(name, "it has major version " + major + ", only version 1 is known");
        }
        if (fileHeaderSize < SparseHeader.SIZE || chunkHeaderSize < SparseHeader.CHUNK_HEADER_SIZE) {
            throw SparseImageException.invalid(name, "its header sizes " + fileHeaderSize + " and " + chunkHeaderSize
                    + " are below the format's 28 and 12 bytes");
        }
        if (blockSize <= 0 || blockSize % 4 != 0) {
            throw SparseImageException.invalid(name, "its block size " + Integer.toUnsignedString(blockSize)
                    + " is not a positive multiple of 4");
        }
        SparseHeader header = new SparseHeader(blockSize, Integer.toUnsignedLong(b.getInt(16)),
                Integer.toUnsignedLong(b.getInt(20)), b.getInt(24));
        SparseReader reader = new SparseReader(name, in, header, chunkHeaderSize, SparseHeader.SIZE);
        // A later revision may lengthen the headers; libsparse skips what it does not know, and so do we.
        reader.skipExactly(fileHeaderSize - SparseHeader.SIZE, () -> SparseImageException.invalid(name,
                "the file ends inside its " + fileHeaderSize + "-byte file header"));
        return reader;
    }

    /** The file header. */
    public SparseHeader header() {
        return header;
    }

    /**
     * The next chunk, or null after the last one, once the end checks passed (as many
     * blocks as the header says, the image checksum when set). The data of the previous
     * RAW chunk that was not read is skipped first.
     */
    public SparseChunk next() throws IOException {
        if (finished) {
            return null;
        }
        if (data != null) {
            data.skipRest();
            data = null;
        }
        if (chunksRead == header.totalChunks()) {
            finish();
            return null;
        }
        int number = chunksRead + 1;
        long offset = position;
        byte[] head = new byte[SparseHeader.CHUNK_HEADER_SIZE];
        readExactly(head, head.length, () -> SparseImageException.atChunk(name, number, offset,
                "is cut short: the file ends inside its header (the header says " + header.totalChunks() + " chunks)"));
        skipExactly(chunkHeaderSize - SparseHeader.CHUNK_HEADER_SIZE, () -> SparseImageException.atChunk(name, number,
                offset, "is cut short: the file ends inside its header"));
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int code = Short.toUnsignedInt(b.getShort(0));
        long chunkBlocks = Integer.toUnsignedLong(b.getInt(4));
        long totalSize = Integer.toUnsignedLong(b.getInt(8));
        ChunkType type = ChunkType.of(code);
        if (type == null) {
            throw SparseImageException.atChunk(name, number, offset, "has unknown type " + String.format("0x%04X", code));
        }
        long dataBytes = type.dataBytes(chunkBlocks, header.blockSize());
        if (totalSize != chunkHeaderSize + dataBytes) {
            throw SparseImageException.atChunk(name, number, offset, "has a total size of " + totalSize + " bytes, but a "
                    + type + " chunk of " + chunkBlocks + " blocks takes " + (chunkHeaderSize + dataBytes));
        }
        // libsparse counts no blocks for a CRC32 chunk whatever its block count says.
        long blocks = type == ChunkType.CRC32 ? 0 : chunkBlocks;
        if (nextBlock + blocks > header.totalBlocks()) {
            throw SparseImageException.atChunk(name, number, offset, "runs to block " + (nextBlock + blocks)
                    + ", past the " + header.totalBlocks() + " blocks the header says");
        }
        int value = 0;
        switch (type) {
            case RAW -> data = new ChunkData(number, offset, dataBytes);
            case FILL -> {
                value = readValue(number, offset);
                crc.updateRepeated(value, blocks * header.blockSize());
            }
            case DONT_CARE -> crc.updateRepeated(0, blocks * header.blockSize());
            case CRC32 -> {
                value = readValue(number, offset);
                if (value != crc.value()) {
                    throw SparseImageException.atChunk(name, number, offset, "has CRC-32 " + hex(value)
                            + ", but the image expanded so far has " + hex(crc.value()));
                }
            }
        }
        SparseChunk chunk = new SparseChunk(number, offset, type, nextBlock, blocks, value);
        chunksRead = number;
        nextBlock += blocks;
        return chunk;
    }

    /** The data of the RAW chunk {@link #next()} returned last, bounded to the chunk. */
    public InputStream data() {
        if (data == null) {
            throw new IllegalStateException("the current chunk is not a RAW chunk");
        }
        return data;
    }

    private void finish() {
        if (nextBlock != header.totalBlocks()) {
            throw SparseImageException.invalid(name, "its " + chunksRead + " chunks cover " + nextBlock
                    + " blocks, but the header says " + header.totalBlocks());
        }
        if (header.imageChecksum() != 0 && header.imageChecksum() != crc.value()) {
            throw SparseImageException.invalid(name, "the header's image checksum " + hex(header.imageChecksum())
                    + " does not match the expanded image's " + hex(crc.value()));
        }
        finished = true;
    }

    private int readValue(int number, long offset) throws IOException {
        byte[] value = new byte[4];
        readExactly(value, 4, () -> SparseImageException.atChunk(name, number, offset,
                "is cut short: the file ends inside its 4 data bytes"));
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private void readExactly(byte[] buffer, int length, java.util.function.Supplier<SparseImageException> cutShort)
            throws IOException {
        int n = in.readNBytes(buffer, 0, length);
        position += n;
        if (n < length) {
            throw cutShort.get();
        }
    }

    private void skipExactly(long length, java.util.function.Supplier<SparseImageException> cutShort) throws IOException {
        for (long left = length; left > 0; ) {
            int n = in.readNBytes(scratch, 0, (int) Math.min(scratch.length, left));
            position += n;
            left -= n;
            if (n == 0) {
                throw cutShort.get();
            }
        }
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    /** A RAW chunk's bytes: bounded to the chunk, fed to the running CRC as they pass. */
    private final class ChunkData extends InputStream {
        private final int number;
        private final long offset;
        private final long size;
        private long left;

        ChunkData(int number, long offset, long size) {
            this.number = number;
            this.offset = offset;
            this.size = size;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : Byte.toUnsignedInt(one[0]);
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(buffer, off, (int) Math.min(len, left));
            if (n < 0) {
                throw SparseImageException.atChunk(name, number, offset, "is cut short: the file ends after "
                        + (size - left) + " of its " + size + " data bytes");
            }
            crc.update(buffer, off, n);
            left -= n;
            position += n;
            return n;
        }

        void skipRest() throws IOException {
            // Read, not skipped: the skipped bytes count in the CRC-32 too.
            while (read(scratch, 0, scratch.length) >= 0) {
                // nothing more to do with the bytes
            }
        }
    }
}
