package org.bmaptool.app.verify;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.common.PageAlignedBuffers;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.RangeDigest;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;

/**
 * Checks every mapped range of a flashed file or device against the bmap's checksums,
 * several ranges at once (one per core), with a bounded number in flight so memory stays
 * flat. The first mismatch stops the check and names the range.
 */
public final class RangeVerifier {
    private static final int CHUNK = 1 << 20;

    private final int threads;

    public RangeVerifier(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The mapped bytes checked, reported to {@code progress} as they are hashed. */
    public long verify(Bmap bmap, ImageSource medium, LongConsumer progress) {
        BmapHeader header = bmap.header();
        ChecksumType type = header.checksumType().orElseThrow(() -> new CommandException(
                "bmap file '" + bmap.name() + "' has no checksums (format " + header.version().text()
                        + "): there is nothing to verify '" + medium.name() + "' against"));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "verify");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(threads * 2);
        // Of the ranges that fail, the first in the map is reported, whatever the threads' timing.
        AtomicReference<Failure> failure = new AtomicReference<>();
        AtomicLong checked = new AtomicLong();
        List<Future<?>> pending = new ArrayList<>();
        ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> PageAlignedBuffers.allocate(CHUNK));
        try (Stream<MappedRange> ranges = bmap.ranges()) {
            for (MappedRange range : (Iterable<MappedRange>) ranges::iterator) {
                if (failure.get() != null) {
                    break;
                }
                String expected = range.checksum().orElseThrow(() -> new CommandException(
                        "range " + range.blocks() + " of bmap file '" + bmap.name()
                                + "' has no checksum: it cannot be verified"));
                inFlight.acquireUninterruptibly();
                pending.add(pool.submit(() -> {
                    try {
                        if (failure.get() == null) {
                            long bytes = check(range, expected, type, header, medium, bmap.name(), buffers.get());
                            checked.addAndGet(bytes);
                            progress.accept(bytes);
                        }
                    } catch (RuntimeException e) {
                        Failure failed = new Failure(range.blocks().first(), e);
                        failure.accumulateAndGet(failed, (a, b) -> a == null || b.firstBlock() < a.firstBlock() ? b : a);
                    } finally {
                        inFlight.release();
                    }
                }));
                pending.removeIf(Future::isDone);
            }
            for (Future<?> task : pending) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted("verification of '" + medium.name() + "' interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get().error();
        }
        return checked.get();
    }

    private record Failure(long firstBlock, RuntimeException error) {
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
        if (!actual.equals(expected)) {
            throw new CommandException("checksum mismatch for blocks range " + range.blocks() + " of '"
                    + medium.name() + "': calculated " + actual + ", should be " + expected
                    + " (bmap file '" + bmapName + "')");
        }
        return end - start;
    }
}
