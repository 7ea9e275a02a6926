package org.bmaptool.io.compression.nativelib;

import jnr.ffi.Pointer;

/**
 * The system's liblzma (XZ Utils), bound through jnr-ffi: the decoder the {@code xz} tool
 * itself runs, about twice as fast per core as the pure-Java one. Only the calls that
 * decode an .xz stream. Public only because the class jnr-ffi generates for it lives in
 * another module; {@code decoder.NativeLibraries.lzma()} loads it.
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

    /**
     * The layout of {@code lzma_stream} on LP64 (x86-64, aarch64), from {@code lzma/base.h},
     * stable since liblzma 5.0. {@code LZMA_STREAM_INIT} is all zeros.
     * <pre>
     *   0  const uint8_t *next_in;
     *   8  size_t avail_in;
     *  16  uint64_t total_in;
     *  24  uint8_t *next_out;
     *  32  size_t avail_out;
     *  40  uint64_t total_out;
     *  48  const lzma_allocator *allocator;
     *  56  lzma_internal *internal;
     *  64  void *reserved_ptr1 .. reserved_ptr4;
     *  96  uint64_t seek_pos, reserved_int2;
     * 112  size_t reserved_int3, reserved_int4;
     * 128  lzma_reserved_enum reserved_enum1, reserved_enum2;   (136 bytes)
     * </pre>
     */
    final class Stream {
        public static final int NEXT_IN = 0;
        public static final int AVAIL_IN = 8;
        public static final int NEXT_OUT = 24;
        public static final int AVAIL_OUT = 32;
        public static final int SIZE = 136;

        private Stream() {
        }
    }
}
