package org.bmaptool.app.pipeline;

import static org.bmaptool.app.pipeline.Fakes.BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

class WriteStageTest {

    /** Records what the stage tells, and drops a destination as the pipeline does. */
    private static final class Heard implements WriteStage.Listener {
        final List<Long> written = new ArrayList<>();
        final List<StageFailure> dropped = new ArrayList<>();

        @Override
        public synchronized void written(WriteStage lane, long bytes) {
            written.add(bytes);
        }

        @Override
        public synchronized void dropped(WriteStage lane, StageFailure failure) {
            dropped.add(failure);
            lane.failed(failure);
        }
    }

    /** Queues chunks of 4 blocks of {@code image}, closes the handoff, and runs the stage to its end. */
    private static void run(WriteStage stage, byte[] image, List<Chunk> chunks) throws InterruptedException {
        for (long position = 0; position < image.length; position += 4 * BLOCK) {
            Chunk chunk = Fakes.chunk(image, position, 4 * BLOCK, 1, false);
            chunks.add(chunk);
            stage.queue.put(chunk);
        }
        stage.queue.close();
        stage.run();
        stage.sync.finish();
    }

    @Test
    void writesEveryChunkAtItsPositionAndTellsTheBytes() throws InterruptedException {
        byte[] image = Fakes.random(32 * BLOCK);
        Fakes.MemoryDestination destination = new Fakes.MemoryDestination(image.length);
        Heard heard = new Heard();
        WriteStage stage = new WriteStage(0, destination, BLOCK, new Tuning(4 * BLOCK, 16, 1, 8 * BLOCK,
                1_000_000_000L, 1L << 30), heard, Fakes.latch(), System.nanoTime());
        run(stage, image, new ArrayList<>());
        assertArrayEquals(image, destination.bytes);
        assertEquals(List.of(2048L, 4096L, 6144L, 8192L, 10240L, 12288L, 14336L, 16384L), heard.written);
        assertEquals(image.length, stage.bytes());
        assertNull(stage.failure());
    }

    @Test
    void aFailedWriteDropsTheDestinationOnceWithItsBlocksAndNothingMoreIsWritten() throws InterruptedException {
        byte[] image = Fakes.random(32 * BLOCK);
        PortException cause = PortException.of("memory", new IOException("No space left on device"));
        Fakes.MemoryDestination full = new Fakes.MemoryDestination(image.length) {
            @Override
            public synchronized void write(ByteBuffer data, long position) {
                if (position >= 16 * BLOCK) {
                    throw cause;
                }
                super.write(data, position);
            }
        };
        Heard heard = new Heard();
        WriteStage stage = new WriteStage(1, full, BLOCK, new Tuning(4 * BLOCK, 16, 1, 1L << 30, 1_000_000_000L,
                1L << 30), heard, Fakes.latch(), System.nanoTime());
        List<Chunk> chunks = new ArrayList<>();
        run(stage, image, chunks);
        assertEquals(1, heard.dropped.size(), "dropped once, though every later chunk comes");
        StageFailure failure = heard.dropped.get(0);
        assertEquals(StageFailure.Stage.WRITE, failure.stage());
        assertEquals(16, failure.firstBlock());
        assertEquals(19, failure.lastBlock());
        assertSame(full, failure.destination().orElseThrow());
        assertSame(cause, failure.getCause());
        assertEquals(16 * BLOCK, stage.bytes());
        assertEquals(List.of(0L, 2048L, 4096L, 6144L), full.positions, "nothing written after the failure");
        assertEquals(8, chunks.size());
    }

    @Test
    void aTrippedLatchStopsTheWriterAtOnce() throws InterruptedException {
        byte[] image = Fakes.random(32 * BLOCK);
        Fakes.MemoryDestination destination = new Fakes.MemoryDestination(image.length);
        FailureLatch latch = Fakes.latch();
        WriteStage stage = new WriteStage(0, destination, BLOCK, Fakes.SMALL, new Heard(), latch, System.nanoTime());
        Thread writer = new Thread(stage);
        writer.start();
        latch.cancel();
        writer.join(10_000);
        assertTrue(!writer.isAlive(), "the writer, waiting for a chunk, stopped");
        stage.sync.finish();
        assertEquals(List.of(), destination.positions);
    }
}
