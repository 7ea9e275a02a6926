package org.bmaptool.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteCountTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0", "7, 7", "7c, 7", "3w, 6", "3b, 1536",
        "2kB, 2000", "2KB, 2000", "2K, 2048", "2k, 2048", "2KiB, 2048", "2kiB, 2048",
        "2MB, 2000000", "2M, 2097152", "2MiB, 2097152",
        "1GB, 1000000000", "1G, 1073741824", "1GiB, 1073741824",
        "1TB, 1000000000000", "1T, 1099511627776", "1TiB, 1099511627776",
        "1PB, 1000000000000000", "1P, 1125899906842624", "7E, 8070450532247928832",
        "0Z, 0", "0YiB, 0", "K, 1024", "MiB, 1048576", "b, 512", "9223372036854775807, 9223372036854775807"})
    void readsDecimalNumbersWithDdsSuffixes(String text, long bytes) {
        assertEquals(bytes, ByteCount.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"2x512, 1024", "2xK, 2048", "3bx2, 3072", "Kx2, 2048", "2x3K, 6144", "4xM, 4194304", "00x5, 0", "8Ex0, 0"})
    void readsProductsJoinedByXAsDdDocumentsXm(String text, long bytes) {
        assertEquals(bytes, ByteCount.parse(text));
    }

    @Test
    void namesTheValueAndTheSuffixDdWouldAccept() {
        ByteCountException e = assertThrows(ByteCountException.class, () -> ByteCount.parse("12Q"));
        assertEquals("'12Q' is not a byte count: unknown suffix 'Q' (dd's suffixes: c, w, b, kB, K, KiB, "
                + "MB, M, MiB, GB, G, GiB, and so on for T, P, E, Z, Y)", e.getMessage());
    }

    @Test
    void refusesNegativeEmptyAndOverflowingValuesWithTheirReason() {
        assertEquals("'-5' is not a byte count: it is negative",
                assertThrows(ByteCountException.class, () -> ByteCount.parse("-5")).getMessage());
        assertEquals("'' is not a byte count: it is empty",
                assertThrows(ByteCountException.class, () -> ByteCount.parse("")).getMessage());
        assertEquals("'8E' is not a byte count: larger than 9223372036854775807 bytes",
                assertThrows(ByteCountException.class, () -> ByteCount.parse("8E")).getMessage());
        assertEquals("'9223372036854775808' is not a byte count: larger than 9223372036854775807 bytes",
                assertThrows(ByteCountException.class, () -> ByteCount.parse("9223372036854775808")).getMessage());
        assertEquals("'4Gx4G' is not a byte count: larger than 9223372036854775807 bytes",
                assertThrows(ByteCountException.class, () -> ByteCount.parse("4Gx4G")).getMessage());
    }

    @Test
    void refusesHexadecimalBecauseDdWouldReadItAsZero() {
        ByteCountException e = assertThrows(ByteCountException.class, () -> ByteCount.parse("0x100000"));
        assertEquals("'0x100000' is not a byte count: hexadecimal is not read (dd would read 0x as a factor "
                + "of zero: write 00x... if zero is meant)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "x5", "xK", "2x3x4", "1.5M", "+5", " 5", "5 ", "B", "iB", "1kb", "1mB", "1Bx", "2MD", "1cB", "1wiB",
        "1Q", "1R", "5e", "0x5Q", "2XK", "١٢"})
    void refusesWhatDdDoesNotDocument(String text) {
        ByteCountException e = assertThrows(ByteCountException.class, () -> ByteCount.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a byte count: "), e.getMessage());
    }

    /**
     * The real dd reads each suffix to the same number: {@code seek=N} with {@code bs=1}
     * and {@code count=0} sets the new file's size to N bytes, sparse, so even a TiB
     * costs nothing.
     */
    @Test
    void agreesWithTheSystemsDdOnEverySuffix(@TempDir Path dir) throws IOException, InterruptedException {
        Processes.assumeTool("dd");
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String text : new String[] {"5", "5c", "3w", "3b", "2kB", "2KB", "2K", "2k", "2KiB", "2MB", "2M",
            "2MiB", "1GB", "1G", "1GiB", "1TB", "1T", "1TiB", "2x512", "2xK", "3bx2", "2x3K", "K", "Kx2", "2xb"}) {
            Path file = dir.resolve("seek-" + sizes.size());
            Processes.run("dd", "if=/dev/null", "of=" + file, "bs=1", "count=0", "seek=" + text, "status=none");
            sizes.put(text, Files.size(file));
        }
        sizes.forEach((text, size) -> assertEquals(size, ByteCount.parse(text), text));
    }

    /** Where dd refuses a value, so do we (dd's leniencies beyond its manual are refused by us only). */
    @Test
    void refusesWhatTheSystemsDdRefuses(@TempDir Path dir) throws InterruptedException {
        Processes.assumeTool("dd");
        for (String text : new String[] {"12Q", "-5", "5x", "xK", "2x3x4", "1kb", "1mB", "8E", "1Z", "5e", "2XK", "1wiB"}) {
            Path file = dir.resolve("refused");
            assertThrows(IOException.class, () -> Processes.run("dd", "if=/dev/null", "of=" + file, "bs=1",
                    "count=0", "seek=" + text, "status=none"), "dd took " + text);
            assertThrows(ByteCountException.class, () -> ByteCount.parse(text), text);
        }
    }
}
