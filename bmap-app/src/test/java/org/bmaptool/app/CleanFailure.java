package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * What every failed run must look like to its user, checked in one place: the exit code,
 * exactly one {@code bmaptool: ERROR:} line naming the cause, every other line one of
 * bmaptool's own (so no stack trace and no JVM noise), and no success message.
 */
public final class CleanFailure {

    private CleanFailure() {
    }

    /**
     * Asserts that {@code result} failed cleanly with {@code exitCode} and that its error
     * line contains every one of {@code causes}; returns that line without its prefix.
     */
    public static String assertCleanFailure(Launcher.Result result, int exitCode, String... causes) {
        String err = result.err();
        assertEquals(exitCode, result.exitCode(), err);
        List<String> errors = err.lines().filter(line -> line.startsWith("bmaptool: ERROR: ")).toList();
        assertEquals(1, errors.size(), "exactly one error line: " + err);
        for (String line : err.lines().toList()) {
            assertTrue(line.startsWith("bmaptool: info: ") || line.startsWith("bmaptool: WARNING: ")
                    || line.startsWith("bmaptool: ERROR: "), "a line that is not bmaptool's own: " + line);
        }
        assertFalse(err.contains("\tat "), "no stack trace without --debug: " + err);
        assertFalse(err.contains("copying time"), "no success message: " + err);
        String message = errors.get(0).substring("bmaptool: ERROR: ".length());
        for (String cause : causes) {
            assertTrue(message.contains(cause), "the error names '" + cause + "': " + message);
        }
        return message;
    }
}
