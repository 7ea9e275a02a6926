package org.bmaptool.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

class FailureLatchTest {

    @Test
    void theFirstFailureWinsExplainedAndEveryHookRuns() {
        FailureLatch latch = new FailureLatch(failure -> new IllegalStateException("explained " + failure.stage()));
        AtomicInteger early = new AtomicInteger();
        latch.whenTripped(early::incrementAndGet);
        assertFalse(latch.tripped());
        latch.fail(StageFailure.sync(new Fakes.MemoryDestination(0),
                PortException.of("memory", new IOException("Input/output error"))));
        latch.fail(new IllegalArgumentException("second"));
        assertEquals("explained SYNC", latch.failure().getMessage());
        assertTrue(latch.tripped());
        assertFalse(latch.cancelled());
        assertEquals(1, early.get());
        AtomicInteger late = new AtomicInteger();
        latch.whenTripped(late::incrementAndGet);
        assertEquals(1, late.get(), "a hook added after the trip runs at once");
    }

    @Test
    void aFailureThatIsNotTypedIsKeptAsThrownAndACancelIsTold() {
        FailureLatch latch = new FailureLatch(failure -> new IllegalStateException("explained"));
        RuntimeException raw = new PortException("memory.img: corrupt xz stream");
        latch.fail(raw);
        latch.cancel();
        assertEquals(raw, latch.failure());
        assertTrue(latch.cancelled());
    }
}
