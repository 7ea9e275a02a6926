package org.bmaptool.io.compression.nativelib.decoder;

import java.io.IOException;
import org.bmaptool.io.compression.nativelib.LibBz2;

/** libbz2's decoder, with the messages {@code bzip2} prints. */
final class Bz2Decoder implements NativeDecoder {
    private final LibBz2 bz2;
    private final BzStream stream;

    Bz2Decoder(LibBz2 bz2, BzStream stream) {
        this.bz2 = bz2;
        this.stream = stream;
    }

    @Override
    public void init() throws IOException {
        int status = bz2.BZ2_bzDecompressInit(stream.pointer(), 0, 0);
        if (status != LibBz2.BZ_OK) {
            throw new IOException(status == LibBz2.BZ_MEM_ERROR ? "out of memory" : "libbz2 error " + status);
        }
    }

    @Override
    public int code(boolean finish) {
        return bz2.BZ2_bzDecompress(stream.pointer());
    }

    @Override
    public void end() {
        bz2.BZ2_bzDecompressEnd(stream.pointer());
    }

    @Override
    public boolean isStreamEnd(int status) {
        return status == LibBz2.BZ_STREAM_END;
    }

    @Override
    public IOException failure(int status, int streamsEnded) {
        switch (status) {
            case LibBz2.BZ_OK:
            case LibBz2.BZ_STREAM_END:
                return null;
            case LibBz2.BZ_DATA_ERROR:
                return new IOException("data integrity (CRC) error in data");
            case LibBz2.BZ_DATA_ERROR_MAGIC:
                return new IOException(streamsEnded == 0 ? "bad magic number (file not created by bzip2)"
                        : "trailing garbage after the end of a bzip2 stream");
            case LibBz2.BZ_MEM_ERROR:
                return new IOException("out of memory");
            default:
                return new IOException("libbz2 error " + status);
        }
    }

    @Override
    public boolean restartsAfterEnd() {
        return true;
    }

    @Override
    public NativeStream stream() {
        return stream;
    }
}
