package org.bmaptool.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.failure.UsageError;
import org.bmaptool.domain.format.BmapException;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

/** Every kind of failure has its exit code, and a bug says it is one. */
class ExitCodesTest {

    @Test
    void eachKindOfFailureMapsToItsCode() {
        assertEquals(1, Main.exitCode(new CommandException("no bmap")));
        assertEquals(1, Main.exitCode(new PortException("cannot open")));
        assertEquals(1, Main.exitCode(new BmapException("bad bmap")));
        assertEquals(2, Main.exitCode(new UsageError("--fingerprint: bad", null)));
        assertEquals(130, Main.exitCode(new Interrupted("interrupted, exiting", null)));
        assertEquals(70, Main.exitCode(new IllegalStateException("bug")));
        assertEquals(70, Main.exitCode(new AssertionError("bug")));
    }

    @Test
    void anInternalErrorExits70AndAsksToBeReported() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false, false);
        assertEquals(70, Main.report(console, new NullPointerException("x is null")));
        String line = err.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("bmaptool: ERROR: internal error: java.lang.NullPointerException: x is null"), line);
        assertTrue(line.contains("please report it"), line);
    }
}
