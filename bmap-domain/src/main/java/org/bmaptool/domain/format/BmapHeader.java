package org.bmaptool.domain.format;

import java.util.Optional;
import org.bmaptool.domain.checksum.ChecksumType;

/**
 * What a bmap says about its image before the block list: format version, image size in
 * bytes, block size, the number of blocks and of mapped blocks, and the checksum type of
 * the range checksums (empty for versions without verified checksums).
 */
public record BmapHeader(FormatVersion version, long imageSize, int blockSize, long blocksCount,
                         long mappedBlocksCount, Optional<ChecksumType> checksumType) {

    /** The number of blocks an image of {@code imageSize} bytes has: the last one may be partial. */
    public static long blocksFor(long imageSize, int blockSize) {
        return imageSize / blockSize + (imageSize % blockSize == 0 ? 0 : 1);
    }

    /** Bytes in the mapped blocks, as upstream counts them (whole blocks). */
    public long mappedBytes() {
        return mappedBlocksCount * blockSize;
    }
}
