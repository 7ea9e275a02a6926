package org.bmaptool.io.compression;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.bmaptool.io.compression.bzip2.Bzip2Decoder;
import org.bmaptool.io.compression.nativelib.decoder.NativeDecodingInputStream;
import org.bmaptool.io.compression.xz.XzDecoder;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Who decodes bzip2 and xz: the system's libbz2 and liblzma where they load (the same
 * decoders as the tools, the fastest there are), else the pure-Java ones, which need
 * nothing installed. Both read the same inputs and fail on the same damage.
 */
public enum Decoders implements Bzip2Decoder, XzDecoder {
    /** The system's library for each format that has one loaded, Java for the others. */
    SYSTEM,
    /** Pure Java: Commons Compress for bzip2, XZ for Java for xz. */
    JAVA;

    /** Concatenated bzip2 streams, to the end of the input. */
    @Override
    public InputStream bzip2(InputStream compressed) throws IOException {
        Optional<? extends InputStream> system = this == SYSTEM ? NativeDecodingInputStream.bzip2(compressed)
                : Optional.empty();
        return system.isPresent() ? system.get() : new BZip2CompressorInputStream(compressed, true);
    }

    /** One xz stream; nothing after its end is read. */
    @Override
    public InputStream xzStream(InputStream compressed) throws IOException {
        Optional<? extends InputStream> system = this == SYSTEM ? NativeDecodingInputStream.xz(compressed, false)
                : Optional.empty();
        return system.isPresent() ? system.get() : new SingleXZInputStream(compressed);
    }

    /** Concatenated xz streams and their padding, to the end of the input. */
    @Override
    public InputStream xz(InputStream compressed) throws IOException {
        Optional<? extends InputStream> system = this == SYSTEM ? NativeDecodingInputStream.xz(compressed, true)
                : Optional.empty();
        return system.isPresent() ? system.get() : new XZInputStream(compressed);
    }
}
