package org.bmaptool.app.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.app.common.PageAlignedBuffers;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.text.ByteRegion;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.source.ImageSource;

/**
 * The read-back of {@code copy --zero-unmapped}: a sample of the zeroed ranges read from
 * the medium, past the page cache, and checked to be zeros. A sample, not all: the
 * unmapped part of an image is most of the device (reading it all back would take as long
 * as writing the whole device, what a bmap saves), and a device that ignores or
 * mis-applies the kernel's zeroing (a discard that does not zero) shows at the edges of
 * the ranges. Checked: the first and the last {@value #EDGE} bytes and the middle
 * {@value #EDGE} bytes of every range, for at most {@value #RANGES} ranges taken evenly
 * across the image (every range when there are fewer): at most 12 MiB read.
 */
public final class ZeroedSample {
    static final int EDGE = 4096;
    static final int RANGES = 1024;

    private ZeroedSample() {
    }

    /**
     * Reads the sample of {@code bmap}'s unmapped ranges back from {@code location}.
     *
     * @return the bytes checked
     * @throws CommandException naming the destination, the byte and the range when a byte is not zero
     * @throws IOException only when the medium, checked, cannot be closed
     */
    public static long check(UncachedReader reader, Path location, Bmap bmap) throws IOException {
        long ranges = UnmappedRanges.count(bmap).ranges();
        long stride = Math.max(1, (ranges + RANGES - 1) / RANGES);
        List<ByteRegion> sample = new ArrayList<>();
        long[] index = {0};
        UnmappedRanges.forEach(bmap, range -> {
            if (index[0] % stride == 0 || index[0] == ranges - 1) {
                sample.add(range);
            }
            index[0]++;
        });
        ByteBuffer buffer = PageAlignedBuffers.allocate(EDGE);
        long checked = 0;
        try (ImageSource medium = reader.open(location)) {
            for (ByteRegion range : sample) {
                long length = range.end() - range.start();
                if (length <= 3 * EDGE) {
                    checked += checkZeros(medium, buffer, range.start(), range.end(), range, bmap);
                    continue;
                }
                long middle = range.start() + length / 2 / EDGE * EDGE;
                for (long at : new long[] {range.start(), middle, Math.max(range.start(), range.end() - EDGE)}) {
                    checked += checkZeros(medium, buffer, at, Math.min(range.end(), at + EDGE), range, bmap);
                }
            }
        }
        return checked;
    }

    private static long checkZeros(ImageSource medium, ByteBuffer buffer, long from, long end, ByteRegion range,
                                   Bmap bmap) {
        long position = from;
        try {
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = medium.read(buffer, position);
                if (n < 0) {
                    throw new CommandException("'" + medium.name() + "' ends at byte " + position
                            + ", inside the unmapped range of bytes " + range + " of bmap file '" + bmap.name() + "'");
                }
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) != 0) {
                        throw new CommandException("'" + medium.name() + "' is not zero at byte " + (position + i)
                                + " after --zero-unmapped, in the unmapped bytes " + range + " of bmap file '"
                                + bmap.name() + "': the device did not zero them");
                    }
                }
                position += n;
            }
        } catch (PortException e) {
            throw new CommandException("cannot read back '" + medium.name() + "' at byte " + position + ": "
                    + e.getMessage(), e);
        }
        return end - from;
    }
}
