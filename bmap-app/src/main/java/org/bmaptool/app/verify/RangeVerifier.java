package org.bmaptool.app.verify;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.common.PageAlignedBuffers;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.RangeDigest;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;

/**
 * Checks every mapped range of a flashed file or device against the bmap's checksums,
 * several ranges at once on the {@link RangeHasher}'s threads, with a bounded number in
 * flight so memory stays flat. The first range in the map that fails stops the check
 * and is named, whatever the threads' timing.
 */
public final class RangeVerifier {
    private static final int CHUNK = 1 << 20;

    private final RangeHasher hasher;
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> PageAlignedBuffers.allocate(CHUNK));

    public RangeVerifier(RangeHasher hasher) {
        this.hasher = hasher;
    }

    /** The mapped bytes checked, reported to {@code progress} as they are hashed. */
    public long verify(Bmap bmap, ImageSource medium, LongConsumer progress) {
        BmapHeader header = bmap.header();
        ChecksumType type = header.checksumType().orElseThrow(() -> new CommandException(
                "bmap file '" + bmap.name() + "' has no checksums (format " + header.version().text()
                        + "): there is nothing to verify '" + medium.name() + "' against"));
        long checked = 0;
        try (Stream<MappedRange> ranges = bmap.ranges()) {
            // A range without a checksum is refused as the ranges are pulled, before it is read.
            Iterator<MappedRange> checkable = ranges.peek(range -> range.checksum().orElseThrow(() ->
                    new CommandException("range " + range.blocks() + " of bmap file '" + bmap.name()
                            + "' has no checksum: it cannot be verified"))).iterator();
            Iterator<Long> results = hasher.inOrder(checkable, range -> {
                long bytes = check(range, range.checksum().orElseThrow(), type, header, medium, bmap.name(),
                        buffers.get());
                progress.accept(bytes);
                return bytes;
            }, hasher.threads() * 2, e -> new Interrupted("verification of '" + medium.name() + "' interrupted", e));
            while (results.hasNext()) {
                checked += results.next();
            }
        }
        return checked;
    }

    private static long check(MappedRange range, String expected, ChecksumType type, BmapHeader header,
                              ImageSource medium, String bmapName, ByteBuffer buffer) {
        RangeDigest digest = new RangeDigest(type);
        long start = range.blocks().startByte(header.blockSize());
        long end = range.blocks().endByte(header.blockSize(), header.imageSize());
        long position = start;
        try {
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = medium.read(buffer, position);
                if (n < 0) {
                    throw new CommandException("'" + medium.name() + "' ends at byte " + position
                            + ", before the end of range " + range.blocks() + " of bmap file '" + bmapName + "'");
                }
                buffer.flip();
                digest.update(buffer);
                position += n;
            }
        } catch (PortException e) {
            if (e.subject().isEmpty()) {
                throw e;
            }
            throw new CommandException("cannot read back '" + medium.name() + "' at byte " + position + ": "
                    + e.getMessage(), e);
        }
        String actual = digest.hex();
        if (!RangeHasher.matches(actual, expected)) {
            throw new CommandException("checksum mismatch for blocks range " + range.blocks() + " of '"
                    + medium.name() + "': calculated " + actual + ", should be " + expected
                    + " (bmap file '" + bmapName + "')");
        }
        return end - start;
    }
}
