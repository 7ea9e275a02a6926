package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bmaptool.app.copy.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy} to several destinations, {@code --read-back} and {@code --progress=json} through the linked launcher. */
class ManyDestinationsLauncherIT {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private Path image() throws Exception {
        Path image = dir.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(8 * MIB + 100);
            byte[] data = new byte[(int) MIB];
            new java.util.Random(1).nextBytes(data);
            file.seek(2 * MIB);
            file.write(data);
            file.seek(8 * MIB);
            file.write(data, 0, 100);
        }
        Launcher.Result created = Launcher.run(dir, "create", "-o", "disk.img.bmap", "disk.img");
        assertEquals(0, created.exitCode(), created.err());
        return image;
    }

    @Test
    void copyToThreeFilesWithReadBackAndJsonProgress() throws Exception {
        Path image = image();
        Launcher.Result copy = Launcher.run(dir, "copy", "--read-back", "--progress=json", "--progress-file",
                "progress.jsonl", "disk.img", "a.img", "b.img", "c.img");
        assertEquals(0, copy.exitCode(), copy.err());
        for (String name : List.of("a.img", "b.img", "c.img")) {
            assertEquals(-1L, Files.mismatch(image, dir.resolve(name)), name);
            assertTrue(copy.err().contains("bmaptool: info: '" + name + "': written 1.0 MiB in "), copy.err());
            assertTrue(copy.err().contains("read back and verified in "), copy.err());
        }
        List<String> lines = Files.readAllLines(dir.resolve("progress.jsonl"));
        for (String line : lines) {
            JsonLines.parse(line);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) JsonLines.parse(lines.get(lines.size() - 1));
        assertEquals("done", last.get("phase"));
        assertEquals(3, ((List<?>) last.get("destinations")).size());
    }

    @Test
    void oneDestinationKeepsUpstreamsMessages() throws Exception {
        image();
        Launcher.Result copy = Launcher.run(dir, "copy", "--read-back", "disk.img", "one.img");
        assertEquals(0, copy.exitCode(), copy.err());
        assertTrue(copy.err().contains("bmaptool: info: copying image 'disk.img' to file 'one.img' using bmap file "
                + "'disk.img.bmap'\n"), copy.err());
        assertTrue(copy.err().contains("bmaptool: info: synchronizing 'one.img'\n"), copy.err());
        assertTrue(copy.err().contains("every checksum matches"), copy.err());
        assertFalse(copy.err().contains("destinations"), copy.err());
    }

    @Test
    void aRefusedDestinationStopsTheCopyBeforeAnyWrite() throws Exception {
        image();
        Launcher.Result copy = Launcher.run(dir, "copy", "disk.img", "a.img", "missing/b.img");
        assertEquals(1, copy.exitCode(), copy.err());
        assertTrue(copy.err().contains("bmaptool: ERROR: cannot create destination file 'missing/b.img'"), copy.err());
        assertTrue(copy.err().contains("nothing was written to any of the 2 destinations"), copy.err());
        assertFalse(Files.exists(dir.resolve("a.img")));
    }
}
