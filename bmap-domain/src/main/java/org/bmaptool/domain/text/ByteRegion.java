package org.bmaptool.domain.text;

import org.bmaptool.domain.block.BlockRange;

/**
 * A region of an image in bytes, {@code start} included and {@code end} excluded, as
 * {@code create --nomap START:END} names it: two {@link ByteCount}s joined by a colon
 * ({@code 8M:9M}, {@code 0:64KiB}). It covers every block it touches.
 */
public record ByteRegion(long start, long end) {

    public ByteRegion {
        if (start < 0 || end <= start) {
            throw new ByteCountException("bad region " + start + ":" + end + ": its end is not after its start");
        }
    }

    /**
     * The region {@code text} stands for.
     *
     * @throws ByteCountException quoting {@code text} and saying why it is not a region
     */
    public static ByteRegion parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
            throw new ByteCountException("'" + text + "' is not a region: expected START:END, two byte counts"
                    + " (END excluded)");
        }
        long start;
        long end;
        try {
            start = ByteCount.parse(text.substring(0, colon));
            end = ByteCount.parse(text.substring(colon + 1));
        } catch (ByteCountException e) {
            throw new ByteCountException("'" + text + "' is not a region: " + e.getMessage());
        }
        if (end <= start) {
            throw new ByteCountException("'" + text + "' is not a region: its end (" + end
                    + ") is not after its start (" + start + ")");
        }
        return new ByteRegion(start, end);
    }

    /** The blocks of {@code blockSize} bytes the region touches, its partial first and last ones included. */
    public BlockRange blocks(int blockSize) {
        return new BlockRange(start / blockSize, (end - 1) / blockSize);
    }

    /** The dd-style text the region was given as, in plain bytes: {@code start:end}. */
    @Override
    public String toString() {
        return start + ":" + end;
    }
}
