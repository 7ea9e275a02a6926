package org.bmaptool.domain.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading a bmap needs memory for one range at a time, not for the map: a JVM with a
 * 64 MiB heap reads, verifies and streams a bmap of ten million ranges (some 260 MB of
 * XML, whose ranges alone would take over 500 MB as objects).
 */
class BmapReaderMemoryTest {

    @Test
    void readsTenMillionRangesInA64MegabyteHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), GeneratedBmap.class.getName(), "10000000"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), output);
        assertEquals("ranges 10000000 last 19999998 mapped 10000000", output.strip());
    }
}
