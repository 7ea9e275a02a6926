package org.bmaptool.domain.sparse;

import java.io.IOException;
import java.io.InputStream;
import org.bmaptool.domain.block.BlockRange;

/**
 * Where the sparse writer gets the bytes of a mapped range: a stream of exactly
 * {@link SparseLayout#bytesOf} bytes of the image from the range's first byte, opened
 * when the writer reaches the range and closed by it after. The caller decides how the
 * bytes are read (and may verify the bmap's checksum of the range as they pass).
 */
@FunctionalInterface
public interface RangeBytes {

    /** Opens the bytes of {@code range}. */
    InputStream open(BlockRange range) throws IOException;
}
