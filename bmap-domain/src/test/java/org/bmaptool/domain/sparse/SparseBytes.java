package org.bmaptool.domain.sparse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The tests' own small sparse-image writer: chunks laid down exactly as told, with any
 * header field overridable, to build DONT_CARE fixtures and every kind of bad image in
 * memory. Counts left unset are filled in from the chunks added.
 */
final class SparseBytes {
    int magic = SparseHeader.MAGIC;
    int major = 1;
    int minor = 0;
    int fileHeaderSize = 28;
    int chunkHeaderSize = 12;
    int blockSize;
    long totalBlocks = -1;
    long totalChunks = -1;
    int imageChecksum;
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private long blocks;
    private long count;

    SparseBytes(int blockSize) {
        this.blockSize = blockSize;
    }

    SparseBytes raw(byte[] data) {
        return chunk(0xCAC1, data.length / blockSize, chunkHeaderSize + data.length, data);
    }

    SparseBytes fill(long blockCount, int value) {
        return chunk(0xCAC2, blockCount, chunkHeaderSize + 4, le(value));
    }

    SparseBytes dontCare(long blockCount) {
        return chunk(0xCAC3, blockCount, chunkHeaderSize, new byte[0]);
    }

    SparseBytes crc32(int value) {
        return chunk(0xCAC4, 0, chunkHeaderSize + 4, le(value));
    }

    /** A chunk with the given header fields and data, whatever they say. */
    SparseBytes chunk(int type, long chunkBlocks, long totalSize, byte[] data) {
        ByteBuffer head = ByteBuffer.allocate(chunkHeaderSize).order(ByteOrder.LITTLE_ENDIAN);
        head.putShort((short) type).putShort((short) 0).putInt((int) chunkBlocks).putInt((int) totalSize);
        chunks.writeBytes(head.array());
        chunks.writeBytes(data);
        blocks += type == 0xCAC4 ? 0 : chunkBlocks;
        count++;
        return this;
    }

    /** Where the next chunk will start in the file. */
    long offset() {
        return fileHeaderSize + chunks.size();
    }

    byte[] bytes() {
        ByteBuffer head = ByteBuffer.allocate(fileHeaderSize).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(magic).putShort((short) major).putShort((short) minor)
                .putShort((short) fileHeaderSize).putShort((short) chunkHeaderSize).putInt(blockSize)
                .putInt((int) (totalBlocks < 0 ? blocks : totalBlocks))
                .putInt((int) (totalChunks < 0 ? count : totalChunks)).putInt(imageChecksum);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.array());
        all.writeBytes(chunks.toByteArray());
        return all.toByteArray();
    }

    static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    /** The image a sparse file expands to, read with our reader (holes as zeros). */
    static byte[] expand(String name, byte[] sparse) throws IOException {
        SparseReader reader = SparseReader.open(name, new java.io.ByteArrayInputStream(sparse));
        int blockSize = reader.header().blockSize();
        byte[] image = new byte[Math.toIntExact(reader.header().expandedSize())];
        for (SparseChunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
            int at = Math.toIntExact(chunk.startByte(blockSize));
            int length = Math.toIntExact(chunk.blocks() * blockSize);
            if (chunk.type() == ChunkType.RAW) {
                reader.data().readNBytes(image, at, length);
            } else if (chunk.type() == ChunkType.FILL) {
                ByteBuffer.wrap(image, at, length).order(ByteOrder.LITTLE_ENDIAN).slice()
                        .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                        .put(java.util.stream.IntStream.generate(chunk::value).limit(length / 4).toArray());
            }
        }
        return image;
    }
}
