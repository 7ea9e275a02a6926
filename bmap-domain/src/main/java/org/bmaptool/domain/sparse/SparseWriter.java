package org.bmaptool.domain.sparse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bmaptool.domain.block.BlockRange;

/**
 * Writes an Android sparse image (format 1.0) of a {@link SparseLayout}, as
 * {@code copy --format simg} does: holes as DONT_CARE chunks, mapped blocks as RAW chunks,
 * and runs of blocks that each repeat one 4-byte value as FILL chunks, the image checksum
 * field 0 and no CRC32 chunks. Each block is read once, into one bounded window of a few
 * MiB (a RAW chunk's header carries its length, so its blocks are held until the run ends
 * or the window is full). The chunk count is known only at the end: the writer writes a
 * placeholder header first and returns the real one, which the caller puts over the
 * file's first {@value SparseHeader#SIZE} bytes.
 */
public final class SparseWriter {

    private static final int WINDOW = 4 << 20;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final SparseLayout layout;
    private final OutputStream out;
    private final int blockSize;
    private final byte[] window;
    private final byte[] chunkHeader = new byte[SparseHeader.CHUNK_HEADER_SIZE];
    private long chunks;
    private long fillBlocks;
    private int fillValue;

    private SparseWriter(SparseLayout layout, OutputStream out) {
        this.layout = layout;
        this.out = out;
        this.blockSize = layout.blockSize();
        this.window = new byte[Math.max(blockSize, WINDOW / blockSize * blockSize)];
    }

    /**
     * Writes the sparse image of {@code layout} to {@code out}, the mapped bytes read from
     * {@code source}, and returns the header to write over the placeholder at offset 0.
     */
    public static SparseHeader write(SparseLayout layout, RangeBytes source, OutputStream out) throws IOException {
        return new SparseWriter(layout, out).writeAll(source);
    }

    private SparseHeader writeAll(RangeBytes source) throws IOException {
        out.write(new SparseHeader(blockSize, layout.totalBlocks(), 0, 0).toBytes());
        long next = 0;
        for (BlockRange range : layout.ranges()) {
            if (range.first() > next) {
                chunk(ChunkType.DONT_CARE, range.first() - next, 0);
            }
            try (InputStream in = source.open(range)) {
                writeRange(range, in);
            }
            next = range.last() + 1;
        }
        if (layout.totalBlocks() > next) {
            chunk(ChunkType.DONT_CARE, layout.totalBlocks() - next, 0);
        }
        return new SparseHeader(blockSize, layout.totalBlocks(), chunks, 0);
    }

    private void writeRange(BlockRange range, InputStream in) throws IOException {
        long bytesLeft = layout.bytesOf(range);
        long blocksLeft = range.length();
        while (blocksLeft > 0) {
            int blocks = (int) Math.min(blocksLeft, window.length / blockSize);
            int wanted = (int) Math.min(bytesLeft, (long) blocks * blockSize);
            int got = in.readNBytes(window, 0, wanted);
            if (got < wanted) {
                throw new EOFException("the bytes of blocks " + range + " ended after "
                        + (layout.bytesOf(range) - bytesLeft + got) + " of " + layout.bytesOf(range));
            }
            // Only the image's last block can be partial: the format pads it with zeros.
            Arrays.fill(window, got, blocks * blockSize, (byte) 0);
            writeWindow(blocks);
            bytesLeft -= got;
            blocksLeft -= blocks;
        }
        flushFill();
    }

    /** Sorts the window's blocks into FILL runs and RAW runs, writing each run as it ends. */
    private void writeWindow(int blocks) throws IOException {
        int rawStart = 0;
        for (int block = 0; block < blocks; block++) {
            int at = block * blockSize;
            // A block repeats one 4-byte value exactly when it equals itself shifted by 4 bytes.
            if (Arrays.mismatch(window, at, at + blockSize - 4, window, at + 4, at + blockSize) < 0) {
                int value = (int) INT_LE.get(window, at);
                writeRaw(rawStart, block);
                rawStart = block + 1;
                if (fillBlocks > 0 && value != fillValue) {
                    flushFill();
                }
                fillValue = value;
                fillBlocks++;
            } else if (fillBlocks > 0) {
                flushFill();
            }
        }
        writeRaw(rawStart, blocks);
    }

    private void writeRaw(int fromBlock, int toBlock) throws IOException {
        if (toBlock > fromBlock) {
            chunk(ChunkType.RAW, toBlock - fromBlock, 0);
            out.write(window, fromBlock * blockSize, (toBlock - fromBlock) * blockSize);
        }
    }

    private void flushFill() throws IOException {
        if (fillBlocks > 0) {
            chunk(ChunkType.FILL, fillBlocks, fillValue);
            fillBlocks = 0;
        }
    }

    private void chunk(ChunkType type, long blocks, int value) throws IOException {
        long dataBytes = type.dataBytes(blocks, blockSize);
        ByteBuffer.wrap(chunkHeader).order(ByteOrder.LITTLE_ENDIAN).putShort((short) type.code()).putShort((short) 0)
                .putInt((int) blocks).putInt((int) (SparseHeader.CHUNK_HEADER_SIZE + dataBytes));
        out.write(chunkHeader);
        if (type == ChunkType.FILL) {
            byte[] fill = new byte[4];
            INT_LE.set(fill, 0, value);
            out.write(fill);
        }
        chunks++;
    }
}
