package org.bmaptool.io.compression.nativelib;

import jnr.ffi.Pointer;

/**
 * The system's liblzma (XZ Utils), bound through jnr-ffi: the decoder the {@code xz} tool
 * itself runs, about twice as fast per core as the pure-Java one. Only the calls that
 * decode an .xz stream. Public only because the class jnr-ffi generates for it lives in
 * another module; {@code decoder.NativeLibraries.lzma()} loads it, and
 * {@code decoder.LzmaStream} lays out the {@code lzma_stream} the calls take.
 */
public interface LibLzma {
    /** {@code lzma_ret}: progress was made, or the stream (all streams, when concatenated) ended. */
    int LZMA_OK = 0;
    int LZMA_STREAM_END = 1;
    int LZMA_MEM_ERROR = 5;
    int LZMA_MEMLIMIT_ERROR = 6;
    int LZMA_FORMAT_ERROR = 7;
    int LZMA_OPTIONS_ERROR = 8;
    int LZMA_DATA_ERROR = 9;
    /** No progress is possible: with {@link #LZMA_FINISH}, the input ended too early. */
    int LZMA_BUF_ERROR = 10;

    /** {@code lzma_action}. */
    int LZMA_RUN = 0;
    int LZMA_FINISH = 3;

    /** Decoder flag: decode concatenated .xz streams and stream padding, as {@code xz -d} does. */
    int LZMA_CONCATENATED = 0x08;

    /** {@code lzma_ret lzma_stream_decoder(lzma_stream *strm, uint64_t memlimit, uint32_t flags)}. */
    int lzma_stream_decoder(Pointer strm, long memlimit, int flags);

    /** {@code lzma_ret lzma_code(lzma_stream *strm, lzma_action action)}. */
    int lzma_code(Pointer strm, int action);

    /** {@code void lzma_end(lzma_stream *strm)}: frees the decoder's memory. */
    void lzma_end(Pointer strm);
}
