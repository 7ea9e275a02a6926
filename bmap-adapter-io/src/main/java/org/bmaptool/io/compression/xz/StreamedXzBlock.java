package org.bmaptool.io.compression.xz;

import java.io.IOException;
import java.io.InputStream;
import org.bmaptool.io.compression.bytes.ByteStreams;

/**
 * A one-block stream of a block read straight from the file: the stream and block
 * headers, the block's LZMA2 data, padding and check as the decoder takes them, then an
 * index and footer. The LZMA2 chunk headers passing through say the block's compressed
 * and decoded sizes (the filters before LZMA2 keep the size), known when its end
 * marker passes; the decoder checks the block against the index made of them, so a
 * miscount fails the block, never passes it. A block holds LZMA2 last: the decoder
 * accepts nothing else.
 */
final class StreamedXzBlock extends InputStream {
    final byte[] start;
    private final XzInput input;
    private final XzContainer container;
    private final int headerSize;
    private final int checkSize;
    /** The compressed size in the block's header, or -1. */
    private final long declared;
    private int startRead;
    private final Lzma2Chunks chunks = new Lzma2Chunks();
    /** LZMA2 bytes passed so far. */
    private long compressed;
    private boolean dataEnded;
    /** Padding and check bytes yet to pass once the data has ended. */
    private long tailLeft;
    private byte[] index;
    private int indexRead;
    private final byte[] one = new byte[1];

    /** {@code start} holds the stream and block headers; the block's bytes come from {@code input}. */
    StreamedXzBlock(XzInput input, XzContainer container, byte[] start, int headerSize, long declared) {
        this.input = input;
        this.container = container;
        this.start = start;
        this.headerSize = headerSize;
        this.checkSize = container.checkSize();
        this.declared = declared;
    }

    /** Whether all of the block's bytes have been read from the file. */
    boolean blockRead() {
        return index != null;
    }

    long unpadded() {
        return headerSize + compressed + checkSize;
    }

    /** Decoded bytes of the chunks whose headers have passed. */
    long decoded() {
        return chunks.decoded();
    }

    @Override
    public int read() throws IOException {
        // The decoder reads chunk headers byte by byte: one array for them all.
        return ByteStreams.readOne(this, one);
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
            int n = input.readUpTo(target, at, (int) Math.min(length, tailLeft));
            if (n == 0) {
                throw input.truncated("the xz file ends inside a block");
            }
            tailLeft -= n;
            endIfDone();
            return n;
        }
        // Never read past the size the header gives: that is the next block's.
        long room = declared < 0 ? Long.MAX_VALUE : declared - compressed;
        if (room <= 0) {
            throw XzInput.corrupt(input.offset(), "XZ Block is longer than its header says");
        }
        if (chunks.chunkLeft() > 0) {
            int n = input.readUpTo(target, at, (int) Math.min(length, Math.min(chunks.chunkLeft(), room)));
            if (n == 0) {
                throw input.truncated("the xz file ends inside a block");
            }
            chunks.passed(n);
            compressed += n;
            return n;
        }
        // A chunk header's byte, one at a time: a few per chunk of up to 64 KiB.
        int b = input.readByte();
        if (b < 0) {
            throw input.truncated("the xz file ends inside a block");
        }
        compressed++;
        chunks.headerByte(b);
        if (chunks.ended()) {
            dataEnded = true;
            tailLeft = (-(headerSize + compressed) & 3) + checkSize;
            endIfDone();
        }
        target[at] = (byte) b;
        return 1;
    }

    private void endIfDone() {
        if (tailLeft == 0) {
            index = container.oneBlockIndex(unpadded(), decoded());
        }
    }
}
