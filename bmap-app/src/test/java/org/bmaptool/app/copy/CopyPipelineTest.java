package org.bmaptool.app.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bmaptool.app.pipeline.Cancelled;
import org.bmaptool.app.pipeline.CopyPipeline;
import org.bmaptool.app.pipeline.Fakes.MemoryDestination;
import org.bmaptool.app.pipeline.Fakes.MemoryImage;
import org.bmaptool.app.pipeline.Job;
import org.bmaptool.app.pipeline.Outcome;
import org.bmaptool.app.pipeline.Span;
import org.bmaptool.app.pipeline.Tuning;
import org.bmaptool.app.report.CopyProgress;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline, worded by the copy, against fakes of the two ports it drives: an
 * image in memory and a destination that records.
 */
class CopyPipelineTest {
    private static final int BLOCK = 512;
    // Small chunks and few buffers, so that ranges span many chunks and the pool runs dry.
    private static final Tuning SMALL = new Tuning(4 * BLOCK, 3, 2, 8 * BLOCK, 1_000_000_000L,
            64 * BLOCK);

    /** A destination that keeps what it is given, and the syncs. */
    private static class RecordingDestination extends MemoryDestination {
        RecordingDestination(int size) {
            super("recorded", size);
        }
    }

    private static CopyPipeline pipeline(Tuning tuning, CopyProgress progress) {
        return new CopyPipeline(tuning, progress, null, CopyFailures::explain);
    }

    private static byte[] randomImage(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static Span span(byte[] image, long first, long last, boolean checksum) {
        long start = first * BLOCK;
        long end = Math.min((last + 1) * BLOCK, image.length);
        Optional<String> sum = Optional.empty();
        if (checksum) {
            var digest = ChecksumType.SHA256.newDigest();
            digest.update(image, (int) start, (int) (end - start));
            sum = Optional.of(HexDigest.of(digest.digest()));
        }
        return new Span(first, last, start, end, sum);
    }

    @Test
    void everySpanLandsAtItsPositionAndNothingElseIsWritten() {
        byte[] image = randomImage(200 * BLOCK + 100);
        List<Span> spans = List.of(span(image, 0, 0, true), span(image, 3, 40, true),
                span(image, 41, 41, false), span(image, 90, 150, true), span(image, 199, 200, true));
        RecordingDestination destination = new RecordingDestination(image.length);
        Outcome outcome = pipeline(SMALL, CopyProgress.NONE).run(new Job(
                new MemoryImage(image), destination, spans.iterator(), BLOCK, Optional.of(ChecksumType.SHA256), false));
        assertEquals(1 + 38 + 1 + 61 + 2, outcome.blocksRead());
        byte[] expected = new byte[image.length];
        for (Span s : spans) {
            System.arraycopy(image, (int) s.start(), expected, (int) s.start(), (int) (s.end() - s.start()));
        }
        assertArrayEquals(expected, destination.bytes);
        assertEquals(outcome.bytesWritten(), spans.stream().mapToLong(s -> s.end() - s.start()).sum());
        assertTrue(destination.syncs > 0, "the destination is synced along the way");
    }

    @Test
    void mismatchStopsTheCopyNamingTheRangeAndBothChecksums() {
        byte[] image = randomImage(100 * BLOCK);
        List<Span> spans = new ArrayList<>(List.of(span(image, 0, 9, true), span(image, 20, 29, true),
                span(image, 40, 99, true)));
        image[25 * BLOCK] ^= 1; // the image changed after its bmap was made
        CommandException error = assertThrows(CommandException.class, () -> pipeline(SMALL, CopyProgress.NONE)
                .run(new Job(new MemoryImage(image), new RecordingDestination(image.length),
                        spans.iterator(), BLOCK, Optional.of(ChecksumType.SHA256), false)));
        var digest = ChecksumType.SHA256.newDigest();
        digest.update(image, 20 * BLOCK, 10 * BLOCK);
        assertEquals("checksum mismatch for blocks range 20-29: calculated " + HexDigest.of(digest.digest())
                + ", should be " + spans.get(1).checksum().get() + " (image file memory.img)", error.getMessage());
    }

    @Test
    void nothingIsVerifiedWithoutAChecksumType() {
        byte[] image = randomImage(10 * BLOCK);
        Span wrong = new Span(0, 9, 0, image.length, Optional.of("0".repeat(64)));
        RecordingDestination destination = new RecordingDestination(image.length);
        pipeline(SMALL, CopyProgress.NONE).run(new Job(new MemoryImage(image), destination,
                List.of(wrong).iterator(), BLOCK, Optional.empty(), false));
        assertArrayEquals(image, destination.bytes);
    }

    @Test
    void writeErrorNamesTheBlocksAndTheDestination() {
        byte[] image = randomImage(64 * BLOCK);
        RecordingDestination full = new RecordingDestination(image.length) {
            @Override
            public synchronized void write(ByteBuffer data, long position) {
                if (position >= 16 * BLOCK) {
                    throw PortException.of(name(), new IOException("No space left on device"));
                }
                super.write(data, position);
            }
        };
        CommandException error = assertThrows(CommandException.class, () -> pipeline(SMALL, CopyProgress.NONE)
                .run(new Job(new MemoryImage(image), full, List.of(span(image, 0, 63, true)).iterator(),
                        BLOCK, Optional.of(ChecksumType.SHA256), false)));
        assertEquals("error while writing blocks 16-19 of 'recorded': No space left on device", error.getMessage());
    }

    @Test
    void readErrorNamesTheBlocksAndTheImage() {
        byte[] image = randomImage(64 * BLOCK);
        MemoryImage failing = new MemoryImage(image) {
            @Override
            public int read(ByteBuffer target, long position) {
                if (position >= 32 * BLOCK) {
                    throw PortException.of(name(), new IOException("Input/output error"));
                }
                return super.read(target, position);
            }
        };
        CommandException error = assertThrows(CommandException.class, () -> pipeline(SMALL, CopyProgress.NONE)
                .run(new Job(failing, new RecordingDestination(image.length),
                        List.of(span(image, 0, 63, false)).iterator(), BLOCK, Optional.empty(), false)));
        assertEquals("error while reading blocks 32-63 of the image file 'memory.img': Input/output error",
                error.getMessage());
    }

    @Test
    void imageEndingEarlyCountsOnlyTheBlocksRead() {
        byte[] image = randomImage(30 * BLOCK);
        byte[] shorter = Arrays.copyOf(image, 25 * BLOCK + 10);
        Outcome outcome = pipeline(SMALL, CopyProgress.NONE).run(new Job(
                new MemoryImage(shorter), new RecordingDestination(image.length),
                List.of(span(image, 0, 9, true), span(image, 20, 29, true)).iterator(), BLOCK,
                Optional.of(ChecksumType.SHA256), false));
        assertEquals(10 + 6, outcome.blocksRead());
    }

    @Test
    void cancelStopsACopyWhoseReaderIsStuck() throws Exception {
        byte[] image = randomImage(64 * BLOCK);
        CountDownLatch stuck = new CountDownLatch(1);
        MemoryImage pipe = new MemoryImage(image) {
            @Override
            public int read(ByteBuffer target, long position) {
                if (position >= 8 * BLOCK) {
                    stuck.countDown();
                    // A pipe whose writer went quiet: no interrupt ends this read.
                    while (true) {
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            // ignored, as a blocked read(2) ignores it
                        }
                    }
                }
                return super.read(target, position);
            }
        };
        CopyPipeline engine = pipeline(SMALL, CopyProgress.NONE);
        Thread canceller = new Thread(() -> {
            try {
                stuck.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            engine.cancel();
        });
        canceller.start();
        RecordingDestination destination = new RecordingDestination(image.length);
        assertThrows(Cancelled.class, () -> engine.run(new Job(pipe, destination,
                List.of(span(image, 0, 63, true)).iterator(), BLOCK, Optional.of(ChecksumType.SHA256), false)));
        canceller.join();
        // A cancel stops the writer at once: it may or may not have written what was read.
        for (long position : destination.positions) {
            assertTrue(position < 8 * BLOCK, "only what was read can have been written: " + position);
        }
        assertArrayEquals(new byte[image.length - 8 * BLOCK],
                Arrays.copyOfRange(destination.bytes, 8 * BLOCK, image.length));
    }

    @Test
    void progressIsReportedUpToEveryByteWritten() {
        byte[] image = randomImage(50 * BLOCK + 7);
        List<Long> reported = new ArrayList<>();
        CopyProgress progress = new CopyProgress() {
            @Override
            public void written(long bytes) {
                reported.add(bytes);
            }

            @Override
            public void ended(boolean complete) {
            }
        };
        pipeline(SMALL, progress).run(new Job(new MemoryImage(image),
                new RecordingDestination(image.length), List.of(span(image, 0, 50, true)).iterator(), BLOCK,
                Optional.of(ChecksumType.SHA256), false));
        assertEquals(image.length, reported.get(reported.size() - 1));
        for (int i = 1; i < reported.size(); i++) {
            assertTrue(reported.get(i) > reported.get(i - 1));
        }
    }

    @Test
    void everyDestinationGetsEveryByteFromOneRead() {
        byte[] image = randomImage(120 * BLOCK + 33);
        long[] read = new long[1];
        MemoryImage counted = new MemoryImage(image) {
            @Override
            public synchronized int read(ByteBuffer target, long position) {
                int n = super.read(target, position);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        List<RecordingDestination> destinations = List.of(new RecordingDestination(image.length),
                new RecordingDestination(image.length), new RecordingDestination(image.length));
        Outcome outcome = pipeline(SMALL, CopyProgress.NONE).run(new Job(counted,
                List.copyOf(destinations), List.of(span(image, 0, 120, true)).iterator(), BLOCK,
                Optional.of(ChecksumType.SHA256), false));
        for (RecordingDestination destination : destinations) {
            assertArrayEquals(image, destination.bytes);
        }
        assertEquals(3, outcome.destinations().size());
        assertTrue(outcome.destinations().stream().allMatch(w -> w.failure().isEmpty() && w.bytes() == image.length));
        assertEquals(image.length, read[0], "the image is read once, whatever the destinations");
    }

    @Test
    void aFailingDestinationIsDroppedAndTheOthersFinish() {
        byte[] image = randomImage(200 * BLOCK);
        RecordingDestination good = new RecordingDestination(image.length);
        RecordingDestination other = new RecordingDestination(image.length);
        RecordingDestination full = new RecordingDestination(image.length) {
            @Override
            public String name() {
                return "full";
            }

            @Override
            public synchronized void write(ByteBuffer data, long position) {
                if (position >= 16 * BLOCK) {
                    throw PortException.of(name(), new IOException("No space left on device"));
                }
                super.write(data, position);
            }
        };
        List<Integer> failed = new ArrayList<>();
        CopyProgress progress = new CopyProgress() {
            @Override
            public void written(long bytes) {
            }

            @Override
            public void ended(boolean complete) {
            }

            @Override
            public void destinationFailed(int destination, String reason) {
                failed.add(destination);
            }
        };
        Outcome outcome = pipeline(SMALL, progress).run(new Job(new MemoryImage(image),
                List.of(good, full, other), List.of(span(image, 0, 199, true)).iterator(), BLOCK,
                Optional.of(ChecksumType.SHA256), false));
        assertArrayEquals(image, good.bytes);
        assertArrayEquals(image, other.bytes);
        assertEquals(List.of(1), failed);
        assertEquals("error while writing blocks 16-19 of 'full': No space left on device",
                outcome.destinations().get(1).failure().orElseThrow().getMessage());
        assertEquals(16 * BLOCK, outcome.destinations().get(1).bytes());
        assertEquals(image.length, outcome.bytesWritten());
    }

    @Test
    void whenEveryDestinationFailsTheCopyFailsWithTheLastError() {
        byte[] image = randomImage(64 * BLOCK);
        RecordingDestination[] broken = new RecordingDestination[2];
        for (int i = 0; i < 2; i++) {
            broken[i] = new RecordingDestination(image.length) {
                @Override
                public synchronized void write(ByteBuffer data, long position) {
                    throw PortException.of(name(), new IOException("Input/output error"));
                }
            };
        }
        CommandException error = assertThrows(CommandException.class, () -> pipeline(SMALL, CopyProgress.NONE)
                .run(new Job(new MemoryImage(image), List.of(broken[0], broken[1]),
                        List.of(span(image, 0, 63, true)).iterator(), BLOCK, Optional.of(ChecksumType.SHA256), false)));
        assertEquals("error while writing blocks 0-3 of 'recorded': Input/output error", error.getMessage());
    }

    @Test
    void aSlowDestinationHoldsTheReaderBackInsteadOfQueueingTheImage() {
        byte[] image = randomImage(400 * BLOCK);
        java.util.concurrent.atomic.AtomicLong maxAhead = new java.util.concurrent.atomic.AtomicLong();
        RecordingDestination slow = new RecordingDestination(image.length) {
            @Override
            public void write(ByteBuffer data, long position) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    throw PortException.of(name(), new IOException(e));
                }
                super.write(data, position);
            }
        };
        RecordingDestination fast = new RecordingDestination(image.length);
        MemoryImage watched = new MemoryImage(image) {
            @Override
            public int read(ByteBuffer target, long position) {
                long slowAt;
                synchronized (slow) {
                    slowAt = slow.positions.isEmpty() ? 0 : slow.positions.get(slow.positions.size() - 1);
                }
                maxAhead.accumulateAndGet(position - slowAt, Math::max);
                return super.read(target, position);
            }
        };
        pipeline(SMALL, CopyProgress.NONE).run(new Job(watched, List.of(fast, slow),
                List.of(span(image, 0, 399, false)).iterator(), BLOCK, Optional.empty(), false));
        assertArrayEquals(image, slow.bytes);
        // The pool holds 3 chunks of 4 blocks: the reader is never more than those ahead of the slow writer.
        assertTrue(maxAhead.get() <= (SMALL.buffers() + 1) * (long) SMALL.chunkBytes(), "ahead " + maxAhead.get());
    }
}
