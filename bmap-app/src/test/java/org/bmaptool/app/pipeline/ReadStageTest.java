package org.bmaptool.app.pipeline;

import static org.bmaptool.app.pipeline.Fakes.BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

class ReadStageTest {

    private static Job job(Fakes.MemoryImage image, List<Span> spans) {
        return new Job(image, new Fakes.MemoryDestination(image.bytes.length), spans.iterator(), BLOCK,
                Optional.of(ChecksumType.SHA256), false);
    }

    /** Runs the stage with one handoff big enough for every chunk, and drains it into an image. */
    private static byte[] drained(Handoff handoff) throws InterruptedException {
        byte[] seen = new byte[64 * BLOCK];
        Chunk chunk;
        long last = -1;
        while ((chunk = handoff.take()) != null) {
            assertTrue(chunk.position > last, "chunks in order");
            last = chunk.position;
            ByteBuffer data = chunk.data();
            data.get(seen, (int) chunk.position, data.remaining());
            chunk.release();
        }
        return seen;
    }

    @Test
    void readsEverySpanInOrderIntoChunksOfTheTuningAndClosesTheHandoffs() throws InterruptedException {
        byte[] image = Fakes.random(64 * BLOCK);
        FailureLatch latch = Fakes.latch();
        Handoff out = new Handoff(100);
        ReadStage stage = new ReadStage(job(new Fakes.MemoryImage(image), List.of(Fakes.span(image, 1, 9),
                Fakes.span(image, 30, 63))), new BufferPool(100, 4 * BLOCK), null, List.of(out), latch);
        stage.run();
        byte[] expected = new byte[image.length];
        System.arraycopy(image, BLOCK, expected, BLOCK, 9 * BLOCK);
        System.arraycopy(image, 30 * BLOCK, expected, 30 * BLOCK, 34 * BLOCK);
        assertArrayEquals(expected, drained(out));
        assertEquals(9 + 34, stage.blocksRead());
        assertNull(latch.failure());
    }

    @Test
    void anImageEndingEarlyCountsOnlyTheBlocksRead() throws InterruptedException {
        byte[] image = Fakes.random(64 * BLOCK);
        Handoff out = new Handoff(100);
        ReadStage stage = new ReadStage(job(new Fakes.MemoryImage(Arrays.copyOf(image, 25 * BLOCK + 10)),
                List.of(Fakes.span(image, 0, 9), Fakes.span(image, 20, 29))), new BufferPool(100, 4 * BLOCK), null,
                List.of(out), Fakes.latch());
        stage.run();
        drained(out);
        assertEquals(10 + 6, stage.blocksRead());
    }

    @Test
    void aReadErrorTripsTheLatchWithTheBlocksLeftAndTheCause() {
        byte[] image = Fakes.random(64 * BLOCK);
        PortException cause = PortException.of("memory.img", new IOException("Input/output error"));
        Fakes.MemoryImage failing = new Fakes.MemoryImage(image) {
            @Override
            public int read(ByteBuffer target, long position) {
                if (position >= 32 * BLOCK) {
                    throw cause;
                }
                return super.read(target, position);
            }
        };
        FailureLatch latch = Fakes.latch();
        Handoff out = new Handoff(100);
        new ReadStage(job(failing, List.of(Fakes.span(image, 0, 63))), new BufferPool(100, 4 * BLOCK), null,
                List.of(out), latch).run();
        StageFailure failure = (StageFailure) latch.failure();
        assertEquals(StageFailure.Stage.READ, failure.stage());
        assertEquals(32, failure.firstBlock());
        assertEquals(63, failure.lastBlock());
        assertEquals("memory.img", failure.image());
        assertSame(cause, failure.getCause());
        assertTrue(latch.tripped());
    }

    @Test
    void aDecodersOwnFailureGoesThroughAsItIs() {
        byte[] image = Fakes.random(16 * BLOCK);
        PortException decoder = new PortException("memory.img: corrupt gzip stream at byte 77");
        Fakes.MemoryImage failing = new Fakes.MemoryImage(image) {
            @Override
            public int read(ByteBuffer target, long position) {
                throw decoder;
            }
        };
        FailureLatch latch = Fakes.latch();
        new ReadStage(job(failing, List.of(Fakes.span(image, 0, 15))), new BufferPool(4, 4 * BLOCK), null,
                List.of(new Handoff(10)), latch).run();
        assertSame(decoder, latch.failure());
    }

    @Test
    void aTrippedLatchStopsTheReaderWaitingForABuffer() throws InterruptedException {
        byte[] image = Fakes.random(64 * BLOCK);
        FailureLatch latch = Fakes.latch();
        Handoff out = new Handoff(100);
        // One buffer, never given back: the reader waits for the pool until the latch interrupts it.
        ReadStage stage = new ReadStage(job(new Fakes.MemoryImage(image), List.of(Fakes.span(image, 0, 63))),
                new BufferPool(1, 4 * BLOCK), null, List.of(out), latch);
        Thread reader = new Thread(stage);
        reader.start();
        Chunk first = out.take();
        assertEquals(0, first.position);
        latch.cancel();
        reader.join(10_000);
        assertTrue(!reader.isAlive(), "the reader stopped");
        assertTrue(latch.cancelled());
        assertNull(out.take(), "the handoff is aborted");
    }
}
