package org.bmaptool.app.create;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.common.PageAlignedBuffers;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.RangeDigest;
import org.bmaptool.domain.format.MappedRange;

/**
 * The mapped ranges of an image with their checksums, hashed on the {@link RangeHasher}'s
 * threads and handed out in range order. Consecutive ranges are grouped into batches of a few MiB (so that
 * thousands of one-block ranges do not cost a task each); a bounded window of batches is
 * in flight at a time, so memory stays flat for any image and any number of ranges. A
 * single range is hashed by one thread: SHA-256 cannot be split.
 */
final class RangeChecksums implements Iterator<MappedRange> {
    private static final long BATCH_BYTES = 4L << 20;
    private static final int BATCH_RANGES = 1024;
    private static final int READ_SIZE = 256 << 10;
    private static final long MAP_THRESHOLD = 256 << 10;
    private static final long MAP_WINDOW = 16 << 20;

    private final FileChannel image;
    private final Path imagePath;
    private final int blockSize;
    private final long imageSize;
    private final Iterator<MappedRange[]> batches;
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> PageAlignedBuffers.allocate(READ_SIZE));
    private final ThreadLocal<RangeDigest> digests;
    private MappedRange[] current = new MappedRange[0];
    private int index;

    /**
     * Hashes {@code ranges} of {@code image} on {@code hasher}'s threads. The ranges are
     * pulled from the iterator on the calling thread only.
     */
    RangeChecksums(Iterator<BlockRange> ranges, FileChannel image, Path imagePath, ChecksumType type,
                   int blockSize, long imageSize, RangeHasher hasher) {
        this.image = image;
        this.imagePath = imagePath;
        this.blockSize = blockSize;
        this.imageSize = imageSize;
        this.digests = ThreadLocal.withInitial(() -> new RangeDigest(type));
        this.batches = hasher.inOrder(batches(ranges), this::hash, 4 * hasher.threads(),
                e -> new Interrupted("interrupted while hashing '" + imagePath + "'", e));
    }

    @Override
    public boolean hasNext() {
        while (index == current.length) {
            if (!batches.hasNext()) {
                return false;
            }
            current = batches.next();
            index = 0;
        }
        return true;
    }

    @Override
    public MappedRange next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current[index++];
    }

    private Iterator<List<BlockRange>> batches(Iterator<BlockRange> ranges) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ranges.hasNext();
            }

            @Override
            public List<BlockRange> next() {
                List<BlockRange> batch = new ArrayList<>();
                long bytes = 0;
                while (bytes < BATCH_BYTES && batch.size() < BATCH_RANGES && ranges.hasNext()) {
                    BlockRange range = ranges.next();
                    batch.add(range);
                    bytes += range.length() * blockSize;
                }
                return batch;
            }
        };
    }

    private MappedRange[] hash(List<BlockRange> batch) {
        MappedRange[] hashed = new MappedRange[batch.size()];
        for (int i = 0; i < hashed.length; i++) {
            BlockRange range = batch.get(i);
            hashed[i] = new MappedRange(range, Optional.of(checksum(range)));
        }
        return hashed;
    }

    // Small ranges are read (one pread is cheaper than a map and an unmap); big ones are
    // mapped a window at a time, which saves the kernel-to-user copy of pread: on the
    // benchmark image that copy cost more system time than the whole of Python's run.
    // Mapping needs an early unmap (MappedWindow): left mapped, every hashed page would
    // stay in the process until a garbage collection.
    private String checksum(BlockRange range) {
        RangeDigest digest = digests.get();
        long position = range.startByte(blockSize);
        long end = range.endByte(blockSize, imageSize);
        try {
            if (end - position < MAP_THRESHOLD || !MappedWindow.unmappable()) {
                read(digest, position, end);
            } else {
                map(digest, position, end);
            }
        } catch (IOException e) {
            throw new CommandException("cannot read image file '" + imagePath + "': " + e.getMessage(), e);
        } catch (InternalError e) {
            // What a mapped read of a page the file no longer has (SIGBUS) turns into.
            throw new CommandException("the image file '" + imagePath + "' shrank while its bmap was being created", e);
        }
        return digest.hex();
    }

    // Read into a page-aligned direct buffer: a heap array would be read through the JDK's
    // unaligned temporary buffer, a slow kernel copy.
    private void read(RangeDigest digest, long from, long end) throws IOException {
        ByteBuffer buffer = buffers.get();
        long position = from;
        while (position < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            int n = image.read(buffer, position);
            if (n < 0) {
                throw new CommandException("the image file '" + imagePath + "' shrank while its bmap was being created");
            }
            digest.update(buffer.flip());
            position += n;
        }
    }

    private void map(RangeDigest digest, long from, long end) throws IOException {
        if (end > image.size()) {
            throw new CommandException("the image file '" + imagePath + "' shrank while its bmap was being created");
        }
        for (long position = from; position < end; ) {
            long length = Math.min(MAP_WINDOW, end - position);
            MappedByteBuffer window = image.map(FileChannel.MapMode.READ_ONLY, position, length);
            try {
                digest.update(window);
            } finally {
                MappedWindow.unmap(window);
            }
            position += length;
        }
    }
}
