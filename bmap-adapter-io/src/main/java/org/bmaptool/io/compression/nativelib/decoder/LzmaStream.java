package org.bmaptool.io.compression.nativelib.decoder;

import jnr.ffi.Pointer;

/**
 * liblzma's {@code lzma_stream} in native memory, the fields the decoder reads and
 * writes. The layout on LP64 (x86-64, aarch64), from {@code lzma/base.h}, stable since
 * liblzma 5.0; {@code LZMA_STREAM_INIT} is all zeros.
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
final class LzmaStream implements NativeStream {
    static final int SIZE = 136;
    private static final int NEXT_IN = 0;
    private static final int AVAIL_IN = 8;
    private static final int NEXT_OUT = 24;
    private static final int AVAIL_OUT = 32;

    private final Pointer struct;

    /** Over {@code struct}, at least {@link #SIZE} bytes, zeroed before the decoder's first use. */
    LzmaStream(Pointer struct) {
        this.struct = struct;
    }

    Pointer pointer() {
        return struct;
    }

    @Override
    public void setInput(long address, int length) {
        struct.putAddress(NEXT_IN, address);
        struct.putLong(AVAIL_IN, length);
    }

    @Override
    public long availIn() {
        return struct.getLong(AVAIL_IN);
    }

    @Override
    public void setOutput(long address, int length) {
        struct.putAddress(NEXT_OUT, address);
        struct.putLong(AVAIL_OUT, length);
    }

    @Override
    public long availOut() {
        return struct.getLong(AVAIL_OUT);
    }
}
