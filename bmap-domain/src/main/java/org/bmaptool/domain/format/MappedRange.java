package org.bmaptool.domain.format;

import java.util.Optional;
import org.bmaptool.domain.block.BlockRange;

/**
 * One {@code <Range>} of a bmap: the blocks that hold data and, where the format and the
 * file carry one, the hex checksum of the range's bytes (the last block cut at the
 * image size).
 */
public record MappedRange(BlockRange blocks, Optional<String> checksum) {

    public static MappedRange of(long first, long last, String checksum) {
        return new MappedRange(new BlockRange(first, last), Optional.ofNullable(checksum));
    }
}
