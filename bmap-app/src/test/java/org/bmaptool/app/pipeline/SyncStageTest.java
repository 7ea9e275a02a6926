package org.bmaptool.app.pipeline;

import static org.bmaptool.app.pipeline.Fakes.BLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

class SyncStageTest {
    private static final Tuning TUNING = new Tuning(4 * BLOCK, 3, 1, 8 * BLOCK, 60_000_000_000L, 16 * BLOCK);

    @Test
    void syncsOnceEnoughBytesAreWrittenWithoutWaitingForTheClock() throws InterruptedException {
        CountDownLatch synced = new CountDownLatch(1);
        Fakes.MemoryDestination destination = new Fakes.MemoryDestination(0) {
            @Override
            public synchronized void sync() {
                super.sync();
                synced.countDown();
            }
        };
        SyncStage stage = new SyncStage(destination, TUNING, Fakes.latch(), failure -> { });
        Thread thread = new Thread(stage);
        thread.start();
        stage.wrote(4 * BLOCK);
        stage.wrote(4 * BLOCK);
        assertTrue(synced.await(10, TimeUnit.SECONDS), "synced at 8 blocks, long before the minute");
        stage.finish();
        thread.join(10_000);
        assertTrue(!thread.isAlive());
    }

    @Test
    void holdsTheWriterWhileTooMuchIsUnsynced() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Fakes.MemoryDestination slow = new Fakes.MemoryDestination(0) {
            @Override
            public void sync() {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        SyncStage stage = new SyncStage(slow, TUNING, Fakes.latch(), failure -> { });
        new Thread(stage).start();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 8; i++) {
                    stage.wrote(4 * BLOCK);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        writer.join(300);
        assertTrue(writer.isAlive(), "held past 16 unsynced blocks while the sync hangs");
        release.countDown();
        writer.join(10_000);
        assertTrue(!writer.isAlive(), "let go once the syncs came back");
        stage.finish();
    }

    @Test
    void aFailedSyncIsReportedWithTheDestinationAndLetsTheWriterGo() throws InterruptedException {
        PortException cause = PortException.of("memory", new IOException("Input/output error"));
        Fakes.MemoryDestination failing = new Fakes.MemoryDestination(0) {
            @Override
            public void sync() {
                throw cause;
            }
        };
        AtomicReference<StageFailure> reported = new AtomicReference<>();
        SyncStage stage = new SyncStage(failing, TUNING, Fakes.latch(), reported::set);
        Thread thread = new Thread(stage);
        thread.start();
        for (int i = 0; i < 8; i++) {
            stage.wrote(4 * BLOCK); // would hang past 16 blocks if the failure did not let go
        }
        thread.join(10_000);
        StageFailure failure = reported.get();
        assertEquals(StageFailure.Stage.SYNC, failure.stage());
        assertSame(failing, failure.destination().orElseThrow());
        assertSame(cause, failure.getCause());
        stage.finish();
    }

    @Test
    void finishBeforeTheStageRanReturnsAtOnce() {
        SyncStage stage = new SyncStage(new Fakes.MemoryDestination(0), TUNING, Fakes.latch(), failure -> { });
        stage.finish();
        stage.run();
    }
}
