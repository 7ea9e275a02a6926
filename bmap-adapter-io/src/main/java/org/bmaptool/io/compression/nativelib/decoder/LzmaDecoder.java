package org.bmaptool.io.compression.nativelib.decoder;

import java.io.EOFException;
import java.io.IOException;
import org.bmaptool.io.compression.nativelib.LibLzma;

/** liblzma's stream decoder, with the messages {@code xz} prints. */
final class LzmaDecoder implements NativeDecoder {
    private final LibLzma lzma;
    private final LzmaStream stream;
    private final int flags;

    LzmaDecoder(LibLzma lzma, LzmaStream stream, int flags) {
        this.lzma = lzma;
        this.stream = stream;
        this.flags = flags;
    }

    @Override
    public void init() throws IOException {
        int status = lzma.lzma_stream_decoder(stream.pointer(), -1L, flags); // no memory limit, as xz -d
        if (status != LibLzma.LZMA_OK) {
            throw failure(status, 0);
        }
    }

    @Override
    public int code(boolean finish) {
        return lzma.lzma_code(stream.pointer(), finish ? LibLzma.LZMA_FINISH : LibLzma.LZMA_RUN);
    }

    @Override
    public void end() {
        lzma.lzma_end(stream.pointer());
    }

    @Override
    public boolean isStreamEnd(int status) {
        return status == LibLzma.LZMA_STREAM_END;
    }

    @Override
    public IOException failure(int status, int streamsEnded) {
        switch (status) {
            case LibLzma.LZMA_OK:
            case LibLzma.LZMA_STREAM_END:
                return null;
            case LibLzma.LZMA_BUF_ERROR:
                return new EOFException("Unexpected end of input");
            case LibLzma.LZMA_DATA_ERROR:
                return new IOException("Compressed data is corrupt");
            case LibLzma.LZMA_FORMAT_ERROR:
                return new IOException("File format not recognized");
            case LibLzma.LZMA_OPTIONS_ERROR:
                return new IOException("Unsupported options");
            case LibLzma.LZMA_MEM_ERROR:
            case LibLzma.LZMA_MEMLIMIT_ERROR:
                return new IOException("Cannot allocate memory");
            default:
                // LZMA_NO_CHECK and LZMA_GET_CHECK come only with flags not given
                return new IOException("liblzma error " + status);
        }
    }

    @Override
    public boolean restartsAfterEnd() {
        return false; // LZMA_CONCATENATED reads on by itself
    }

    @Override
    public NativeStream stream() {
        return stream;
    }
}
