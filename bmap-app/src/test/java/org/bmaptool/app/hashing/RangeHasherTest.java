package org.bmaptool.app.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;
import org.bmaptool.domain.checksum.RangeDigest;
import org.junit.jupiter.api.Test;

class RangeHasherTest {

    @Test
    void resultsComeInTheItemsOrderWhateverTheThreadsTiming() {
        try (RangeHasher hasher = new RangeHasher(4)) {
            Random random = new Random(3);
            List<Integer> items = IntStream.range(0, 200).boxed().toList();
            Iterator<String> results = hasher.inOrder(items.iterator(), i -> {
                sleep(random.nextInt(3));
                return "r" + i;
            }, 8, e -> new IllegalStateException(e));
            List<String> seen = new ArrayList<>();
            results.forEachRemaining(seen::add);
            assertEquals(items.stream().map(i -> "r" + i).toList(), seen);
        }
    }

    @Test
    void atMostTheWindowIsInFlightAndItemsArePulledOnTheCallingThread() {
        try (RangeHasher hasher = new RangeHasher(4)) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            Thread caller = Thread.currentThread();
            Iterator<Integer> items = new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    assertSame(caller, Thread.currentThread());
                    return next < 50;
                }

                @Override
                public Integer next() {
                    return next++;
                }
            };
            Iterator<Integer> results = hasher.inOrder(items, i -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(1);
                running.decrementAndGet();
                return i;
            }, 3, e -> new IllegalStateException(e));
            int count = 0;
            while (results.hasNext()) {
                assertEquals(count++, results.next());
            }
            assertEquals(50, count);
            assertTrue(most.get() <= 3, "in flight at once: " + most.get());
        }
    }

    @Test
    void theFirstFailureInTheItemsOrderIsThrownAsItWasThrown() {
        try (RangeHasher hasher = new RangeHasher(4)) {
            IllegalArgumentException early = new IllegalArgumentException("item 5");
            Iterator<Integer> results = hasher.inOrder(IntStream.range(0, 20).boxed().iterator(), i -> {
                if (i == 9) {
                    throw new IllegalStateException("item 9, failing first in time");
                }
                if (i == 5) {
                    sleep(30);
                    throw early;
                }
                return i;
            }, 8, e -> new IllegalStateException(e));
            for (int i = 0; i < 5; i++) {
                assertEquals(i, results.next());
            }
            assertSame(early, assertThrows(IllegalArgumentException.class, results::next));
        }
    }

    @Test
    void anInterruptedWaitIsThrownAsTheCallerMakesIt() {
        try (RangeHasher hasher = new RangeHasher(1)) {
            CountDownLatch never = new CountDownLatch(1);
            Iterator<Integer> results = hasher.inOrder(List.of(1).iterator(), i -> {
                await(never);
                return i;
            }, 1, e -> new UnsupportedOperationException("interrupted here", e));
            Thread.currentThread().interrupt();
            UnsupportedOperationException thrown = assertThrows(UnsupportedOperationException.class, results::next);
            assertEquals("interrupted here", thrown.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt flag is set again");
            never.countDown();
        }
    }

    @Test
    void aSequenceRunsItsTasksInOrderOneAtATimeBesideOthers() throws InterruptedException {
        byte[] data = new byte[1 << 20];
        new Random(11).nextBytes(data);
        try (RangeHasher hasher = new RangeHasher(3)) {
            List<RangeDigest> digests = new ArrayList<>();
            List<RangeHasher.Sequence> lanes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                digests.add(new RangeDigest(ChecksumType.SHA256));
                lanes.add(hasher.sequence());
            }
            CountDownLatch done = new CountDownLatch(4 * 16);
            AtomicInteger overlapping = new AtomicInteger();
            int[] busy = new int[4];
            for (int piece = 0; piece < 16; piece++) {
                for (int lane = 0; lane < 4; lane++) {
                    int from = piece * (data.length / 16);
                    int index = lane;
                    lanes.get(lane).execute(() -> {
                        synchronized (busy) {
                            if (busy[index]++ > 0) {
                                overlapping.incrementAndGet();
                            }
                        }
                        digests.get(index).update(ByteBuffer.wrap(data, from, data.length / 16));
                        synchronized (busy) {
                            busy[index]--;
                        }
                        done.countDown();
                    });
                }
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(0, overlapping.get(), "tasks of one sequence overlapped");
            RangeDigest whole = new RangeDigest(ChecksumType.SHA256);
            whole.update(ByteBuffer.wrap(data));
            String expected = whole.hex();
            for (RangeDigest digest : digests) {
                assertEquals(expected, digest.hex(), "the pieces were hashed out of order");
            }
        }
    }

    @Test
    void digestsCompareWhateverTheCaseOfTheirHexDigits() {
        RangeDigest digest = new RangeDigest(ChecksumType.SHA256);
        digest.update(ByteBuffer.wrap("bmap".getBytes()));
        String computed = digest.hex();
        assertEquals(computed.toLowerCase(Locale.ROOT), computed, "computed digests are lower case");
        assertTrue(RangeHasher.matches(computed, computed));
        // An old bmap may carry upper-case digits.
        assertTrue(RangeHasher.matches(computed, computed.toUpperCase(Locale.ROOT)));
        assertTrue(HexDigest.matches(computed, computed.toUpperCase(Locale.ROOT)));
        assertFalse(RangeHasher.matches(computed, "0".repeat(64)));
        assertFalse(RangeHasher.matches(computed, computed.substring(1)));
        assertFalse(RangeHasher.matches(computed, computed + "0"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
