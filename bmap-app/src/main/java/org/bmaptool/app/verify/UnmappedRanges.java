package org.bmaptool.app.verify;

import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.block.RangeGaps;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.domain.text.ByteRegion;

/**
 * The bytes of an image its bmap does not map ({@link RangeGaps} in bytes), the last one
 * cut at the image's size: what {@code copy --zero-unmapped} zeroes and its read-back
 * samples. Streamed from the bmap anew on each call, so that no list of them is held.
 */
public final class UnmappedRanges {

    private UnmappedRanges() {
    }

    /** Each unmapped range of {@code bmap} as {@code consumer} is given it, in ascending order. */
    public static void forEach(Bmap bmap, Consumer<ByteRegion> consumer) {
        BmapHeader header = bmap.header();
        try (Stream<MappedRange> ranges = bmap.ranges()) {
            Iterator<BlockRange> mapped = ranges.map(MappedRange::blocks).iterator();
            RangeGaps gaps = new RangeGaps(mapped, header.blocksCount());
            while (gaps.hasNext()) {
                BlockRange gap = gaps.next();
                consumer.accept(new ByteRegion(gap.startByte(header.blockSize()),
                        gap.endByte(header.blockSize(), header.imageSize())));
            }
        }
    }

    /** How many bytes of an image are unmapped, and in how many ranges. */
    public record Totals(long bytes, long ranges) {
    }

    /** The unmapped bytes of {@code bmap} and the number of ranges they lie in. */
    public static Totals count(Bmap bmap) {
        long[] bytes = {0};
        long[] ranges = {0};
        forEach(bmap, range -> {
            bytes[0] += range.end() - range.start();
            ranges[0]++;
        });
        return new Totals(bytes[0], ranges[0]);
    }
}
