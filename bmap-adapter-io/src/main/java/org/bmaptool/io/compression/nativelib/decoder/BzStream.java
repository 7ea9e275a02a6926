package org.bmaptool.io.compression.nativelib.decoder;

import jnr.ffi.Pointer;

/**
 * libbz2's {@code bz_stream} in native memory, the fields the decoder reads and writes.
 * The layout on LP64 (x86-64, aarch64), from {@code bzlib.h} (unchanged since bzip2
 * 1.0); zeroed allocator fields select malloc and free.
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
final class BzStream implements NativeStream {
    static final int SIZE = 80;
    private static final int NEXT_IN = 0;
    private static final int AVAIL_IN = 8;
    private static final int NEXT_OUT = 24;
    private static final int AVAIL_OUT = 32;

    private final Pointer struct;

    /** Over {@code struct}, at least {@link #SIZE} bytes, zeroed before the decoder's first use. */
    BzStream(Pointer struct) {
        this.struct = struct;
    }

    Pointer pointer() {
        return struct;
    }

    @Override
    public void setInput(long address, int length) {
        struct.putAddress(NEXT_IN, address);
        struct.putInt(AVAIL_IN, length);
    }

    @Override
    public long availIn() {
        return struct.getInt(AVAIL_IN) & 0xffffffffL;
    }

    @Override
    public void setOutput(long address, int length) {
        struct.putAddress(NEXT_OUT, address);
        struct.putInt(AVAIL_OUT, length);
    }

    @Override
    public long availOut() {
        return struct.getInt(AVAIL_OUT) & 0xffffffffL;
    }
}
