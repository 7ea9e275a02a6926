package org.bmaptool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void lineShowsPercentBytesSpeedAndTimeLeft() {
        TerminalProgress bar = new TerminalProgress(new PrintStream(new ByteArrayOutputStream()), 100L << 20, () -> 0);
        assertEquals("bmaptool: info: [############            ] 50% copied, 50.0 MiB of 100.0 MiB, 25.0 MiB/sec, "
                + "2.0s left", bar.line(50L << 20, 2_000_000_000L));
    }

    @Test
    void unknownTotalShowsBytesAndSpeed() {
        TerminalProgress bar = new TerminalProgress(new PrintStream(new ByteArrayOutputStream()), 0, () -> 0);
        assertEquals("bmaptool: info: 10.0 MiB copied, 5.0 MiB/sec", bar.line(10L << 20, 2_000_000_000L));
    }

    @Test
    void redrawsAtMostFiveTimesASecondAndEndsAtHundredPercentOnANewLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        TerminalProgress bar = new TerminalProgress(new PrintStream(err, true, StandardCharsets.UTF_8), 1000,
                clock::get);
        for (int i = 1; i <= 100; i++) {
            clock.addAndGet(10_000_000L); // 10 ms per write: one second in all
            bar.written(i * 10L);
        }
        bar.ended(true);
        String text = err.toString(StandardCharsets.UTF_8);
        long redraws = text.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 6 && redraws <= 7, "five a second, and the last state: " + text);
        assertTrue(text.endsWith("100% copied, 1.0 KiB of 1.0 KiB, 1.0 KiB/sec\033[K\n"), text);
    }
}
