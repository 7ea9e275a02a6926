package org.bmaptool.io.compression.nativelib;

import jnr.ffi.Pointer;

/**
 * The system's libbz2, bound through jnr-ffi: the decoder {@code bzip2} and
 * {@code pbzip2} run, about one and a half times as fast per core as the pure-Java one.
 * Only the calls that decode. Public only because the class jnr-ffi generates for it
 * lives in another module; {@code decoder.NativeLibraries.bz2()} loads it.
 */
public interface LibBz2 {
    /** Return codes of {@code BZ2_bzDecompress}. */
    int BZ_OK = 0;
    int BZ_STREAM_END = 4;
    int BZ_PARAM_ERROR = -2;
    int BZ_MEM_ERROR = -3;
    int BZ_DATA_ERROR = -4;
    int BZ_DATA_ERROR_MAGIC = -5;

    /** {@code int BZ2_bzDecompressInit(bz_stream *strm, int verbosity, int small)}. */
    int BZ2_bzDecompressInit(Pointer strm, int verbosity, int small);

    /** {@code int BZ2_bzDecompress(bz_stream *strm)}. */
    int BZ2_bzDecompress(Pointer strm);

    /** {@code int BZ2_bzDecompressEnd(bz_stream *strm)}: frees the decoder's memory. */
    int BZ2_bzDecompressEnd(Pointer strm);

    /**
     * The layout of {@code bz_stream} on LP64 (x86-64, aarch64), from {@code bzlib.h}
     * (unchanged since bzip2 1.0). Zeroed allocator fields select malloc and free.
     * <pre>
     *   0  char *next_in;
     *   8  unsigned int avail_in;
     *  12  unsigned int total_in_lo32, total_in_hi32;   (4 bytes of padding follow)
     *  24  char *next_out;
     *  32  unsigned int avail_out;
     *  36  unsigned int total_out_lo32, total_out_hi32; (4 bytes of padding follow)
     *  48  void *state;
     *  56  void *(*bzalloc)(void *, int, int);
     *  64  void (*bzfree)(void *, void *);
     *  72  void *opaque;                                (80 bytes)
     * </pre>
     */
    final class Stream {
        public static final int NEXT_IN = 0;
        public static final int AVAIL_IN = 8;
        public static final int NEXT_OUT = 24;
        public static final int AVAIL_OUT = 32;
        public static final int SIZE = 80;

        private Stream() {
        }
    }
}
