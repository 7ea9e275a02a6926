package org.bmaptool.io.compression.nativelib;

import jnr.ffi.Pointer;

/**
 * The system's libbz2, bound through jnr-ffi: the decoder {@code bzip2} and
 * {@code pbzip2} run, about one and a half times as fast per core as the pure-Java one.
 * Only the calls that decode. Public only because the class jnr-ffi generates for it
 * lives in another module; {@code decoder.NativeLibraries.bz2()} loads it, and
 * {@code decoder.BzStream} lays out the {@code bz_stream} the calls take.
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
}
