package org.bmaptool.io.compression;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.bmaptool.io.compression.archive.ArchiveFormat;
import org.bmaptool.io.compression.bzip2.Bzip2Streams;
import org.bmaptool.io.compression.gzip.GzipMembersInputStream;
import org.bmaptool.io.compression.lzop.LzopInputStream;
import org.bmaptool.io.compression.parallel.ParallelDecodingInputStream;
import org.bmaptool.io.compression.xz.XzBlocks;

/**
 * The stream compressions upstream bmaptool reads, each with the magic bytes its streams
 * begin with and the decoder that undoes it. Archives (tar inside one of these, zip on
 * its own) are {@link ArchiveFormat}s. Every decoder reads concatenated streams (pigz
 * members, pbzip2 streams, xz streams, zstd and lz4 frames) to the end, as the tools do;
 * bzip2 streams and {@code xz -T} blocks are decoded several at once.
 */
enum Codec {
    GZIP("gzip", new byte[] {0x1f, (byte) 0x8b}),
    BZIP2("bzip2", new byte[] {'B', 'Z', 'h'}),
    XZ("xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
    LZOP("lzop", LzopInputStream.MAGIC),
    LZ4("lz4", new byte[] {0x04, 0x22, 0x4d, 0x18}),
    ZSTD("zstd", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

    /** Bytes enough to check every magic number. */
    static final int MAGIC_LENGTH = 9;

    private final String displayName;
    private final byte[] magic;

    Codec(String displayName, byte[] magic) {
        this.displayName = displayName;
        this.magic = magic;
    }

    /** The name in messages: "not a gzip stream". */
    String displayName() {
        return displayName;
    }

    /** Whether {@code head} (the first {@code length} bytes of the file) starts a stream of this kind. */
    boolean startsWith(byte[] head, int length) {
        if (length < magic.length || !Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) {
            return this == ZSTD && length >= 4 && isZstdSkippableFrame(head);
        }
        return this != BZIP2 || length > 3 && head[3] >= '1' && head[3] <= '9';
    }

    /** zstd streams may begin with a skippable frame (magic 0x184D2A50 to 0x184D2A5F). */
    private static boolean isZstdSkippableFrame(byte[] head) {
        return (head[0] & 0xf0) == 0x50 && head[1] == 0x2a && head[2] == 0x4d && head[3] == 0x18;
    }

    /** A stream of the decoded bytes of {@code compressed}. */
    InputStream decoder(InputStream compressed) throws IOException {
        return switch (this) {
            case GZIP -> new GzipMembersInputStream(compressed);
            case BZIP2 -> new ParallelDecodingInputStream(new Bzip2Streams(compressed, Decoders.SYSTEM));
            case XZ -> new ParallelDecodingInputStream(new XzBlocks(compressed, Decoders.SYSTEM));
            case LZOP -> new LzopInputStream(compressed);
            case LZ4 -> new FramedLZ4CompressorInputStream(compressed, true);
            case ZSTD -> new ZstdInputStreamNoFinalizer(compressed);
        };
    }
}
