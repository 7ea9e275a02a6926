package org.bmaptool.io.compression.nativelib.decoder;

/**
 * A native decoder's state struct, the fields {@link NativeDecodingInputStream} moves
 * bytes through: where the input and the output are, and how much of each is left. Each
 * library lays them out its own way ({@link LzmaStream}, {@link BzStream}).
 */
interface NativeStream {
    /** The next compressed bytes: {@code length} of them at native {@code address}. */
    void setInput(long address, int length);

    /** Compressed bytes given and not yet used. */
    long availIn();

    /** Room for decoded bytes: {@code length} of them at native {@code address}. */
    void setOutput(long address, int length);

    /** Room left unused by the last decoding call. */
    long availOut();
}
