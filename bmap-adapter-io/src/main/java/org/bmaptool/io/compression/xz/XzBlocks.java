package org.bmaptool.io.compression.xz;

import java.io.IOException;
import java.io.InputStream;
import org.bmaptool.io.compression.parallel.CompressedUnit;
import org.bmaptool.io.compression.parallel.CompressedUnits;

/**
 * An xz file cut into its blocks. {@code xz -T} writes streams of many blocks whose
 * headers hold their compressed and decoded sizes, so a block's bytes can be taken
 * without decoding them; each becomes a unit of its own: the stream's header, the block,
 * and an index and footer for that one block, which tukaani's decoder then checks as it
 * checks a whole stream (the block's sizes and CRC or SHA-256). The real index and footer
 * of each stream are checked ({@link XzContainer}) against the blocks' headers. A block
 * too large to hold ({@code xz -T0 -9} writes blocks of up to 192 MiB, and incompressible
 * data keeps them that large) is streamed instead: decoded in turn, its bytes read
 * straight from the file through the same kind of one-block stream ({@link StreamedXzBlock}).
 * So is a block without sizes after blocks with them: its LZMA2 chunk headers, passed on
 * to the decoder, say where it ends, and the decoder checks that against the index made
 * for it. A stream whose first block header lacks the sizes (what plain {@code xz}
 * writes), or holds anything unusual, is the start of a sequentially decoded rest.
 */
public final class XzBlocks implements CompressedUnits {
    /** Larger blocks are not held in memory but streamed. */
    private static final int MAX_BLOCK = 48 << 20;
    private static final int HEADER = XzContainer.HEADER;

    private final XzInput input;
    private final XzContainer container;
    private final XzDecoder decoders;
    private final long maxBlock;
    /** The block last cut as a streamed unit, until the next cut. */
    private StreamedXzBlock streaming;

    public XzBlocks(InputStream in, XzDecoder decoders) {
        this(in, decoders, MAX_BLOCK);
    }

    /** Holding blocks up to {@code maxBlock} bytes: tests make it small to stream blocks of small files. */
    public XzBlocks(InputStream in, XzDecoder decoders, long maxBlock) {
        this.input = new XzInput(in);
        this.container = new XzContainer(input);
        this.decoders = decoders;
        this.maxBlock = maxBlock;
    }

    @Override
    public CompressedUnit next() throws IOException {
        if (streaming != null) {
            if (!streaming.blockRead()) {
                throw new IllegalStateException("the streamed xz block was not read to its end");
            }
            container.record(streaming.unpadded(), streaming.decoded());
            streaming = null;
        }
        while (true) {
            if (!container.inStream() && !container.startStream()) {
                return null;
            }
            long blockOffset = input.offset();
            int first = input.readByte();
            if (first < 0) {
                throw input.truncated("the xz stream ends before its index");
            }
            if (first == 0) {
                container.endStream(blockOffset);
                continue;
            }
            int headerSize = (first + 1) * 4;
            byte[] header = new byte[headerSize];
            header[0] = (byte) first;
            input.readFully(header, 1, headerSize - 1);
            long[] sizes = XzContainer.blockSizes(header);
            if (sizes == null) {
                if (container.blocks() == 0) {
                    return rest(header);
                }
                // Valid xz that no known tool writes: its end is found as it is decoded.
                return stream(header, blockOffset, -1, -1);
            }
            long compressed = sizes[0];
            long unpadded = headerSize + compressed + container.checkSize();
            long total = headerSize + (compressed + 3 & ~3L) + container.checkSize();
            if (total > maxBlock) {
                return stream(header, blockOffset, compressed, sizes[1]);
            }
            byte[] index = container.oneBlockIndex(unpadded, sizes[1]);
            byte[] unit = container.oneBlockStreamStart(header, HEADER + (int) total + index.length);
            input.readFully(unit, HEADER + headerSize, (int) total - headerSize);
            System.arraycopy(index, 0, unit, HEADER + (int) total, index.length);
            container.record(unpadded, sizes[1]);
            return CompressedUnit.held(unit, unit.length, HEADER, blockOffset, (int) total, sizes[1]);
        }
    }

    /** A streamed unit of the block whose header was just read; its bytes are read as it is decoded. */
    private CompressedUnit stream(byte[] blockHeader, long blockOffset, long compressed, long decoded) {
        byte[] start = container.oneBlockStreamStart(blockHeader, HEADER + blockHeader.length);
        streaming = new StreamedXzBlock(input, container, start, blockHeader.length, compressed);
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
        byte[] read = container.oneBlockStreamStart(blockHeader, HEADER + blockHeader.length);
        return CompressedUnit.rest(read, read.length, container.streamOffset());
    }

    @Override
    public long position() {
        return input.offset();
    }

    @Override
    public InputStream remainder() {
        return input.remainder();
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
        input.close();
    }
}
