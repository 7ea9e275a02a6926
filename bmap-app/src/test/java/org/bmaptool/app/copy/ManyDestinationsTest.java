package org.bmaptool.app.copy;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.Run;
import org.bmaptool.app.TestImages;
import org.bmaptool.ports.PortException;
import org.bmaptool.testkit.SparseFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmaptool copy IMAGE DEST1 DEST2 ...}, {@code --read-back} and
 * {@code --progress=json} through the command line, to real files; failures come from
 * fakes at the destination port that wrap the real one.
 */
@Tag("linux") // runs on the real Linux adapters: not in the without-linux run
class ManyDestinationsTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** 16 MiB with data in four places, the last a partial block at the very end. */
    private Path image() throws Exception {
        Path image = SparseFiles.write(dir.resolve("disk.img"), 16 * MIB + 1000, 0, 8192, 3 * MIB, 2 * MIB,
                9 * MIB + 4096, 4096, 16 * MIB, 1000);
        Run created = bmaptool("create", "-o", dir.resolve("disk.img.bmap").toString(), image.toString());
        assertEquals(0, created.exitCode(), created.err());
        return image;
    }

    private List<Path> paths(String... names) {
        return java.util.Arrays.stream(names).map(dir::resolve).toList();
    }

    private static String[] args(List<String> options, Path image, List<Path> destinations) {
        List<String> all = new java.util.ArrayList<>(options);
        all.add(image.toString());
        destinations.forEach(path -> all.add(path.toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void threeDestinationsAreEachIdenticalToTheImage() throws Exception {
        Path image = image();
        List<Path> copies = paths("a.img", "b.img", "c.img");
        Run run = bmaptool(args(List.of("copy"), image, copies));
        assertEquals(0, run.exitCode(), run.err());
        for (Path copy : copies) {
            assertEquals(-1L, Files.mismatch(image, copy), copy.toString());
            assertTrue(run.err().contains("synchronizing '" + copy + "'"), run.err());
            assertTrue(run.err().lines().anyMatch(line -> line.matches("bmaptool: info: '" + java.util.regex.Pattern
                    .quote(copy.toString()) + "': written 2\\.0 MiB in .*s, .*/sec")), run.err());
        }
        assertTrue(run.err().contains("copying image 'disk.img' to file 'a.img', file 'b.img' and file 'c.img' "
                + "using bmap file 'disk.img.bmap'"), run.err());
    }

    @Test
    void oneDestinationFailingIsDroppedTheOthersAreWrittenAndTheExitCodeIsOne() throws Exception {
        Path image = image();
        List<Path> copies = paths("a.img", "broken.img", "c.img");
        Ports ports = Forwarding.wrapping(real -> !real.name().endsWith("broken.img") ? real : new Forwarding(real) {
            @Override
            public void write(ByteBuffer data, long position) {
                if (position >= 3 * MIB) {
                    throw PortException.of(name(), new IOException("Input/output error"));
                }
                super.write(data, position);
            }
        });
        Run run = bmaptool(ports, args(List.of("copy", "--read-back"), image, copies));
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copies.get(0)));
        assertEquals(-1L, Files.mismatch(image, copies.get(2)));
        assertTrue(run.err().contains("bmaptool: ERROR: '" + copies.get(1) + "' failed: error while writing blocks 768-"),
                run.err());
        assertTrue(run.err().contains("bmaptool: ERROR: 1 of 3 destinations failed: '" + copies.get(1)
                + "'; the others were written and verified"), run.err());
        assertFalse(run.err().contains("reading back '" + copies.get(1) + "'"), "a failed destination is not read back");
    }

    @Test
    void aRefusedDestinationMeansNothingIsWrittenAnywhere() throws Exception {
        Path image = image();
        Path existing = dir.resolve("existing.img");
        Files.writeString(existing, "keep me");
        Path created = dir.resolve("new.img");
        Path refused = dir.resolve("no-such-dir/c.img");
        Run run = bmaptool(args(List.of("copy"), image, List.of(created, existing, refused)));
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: ERROR: cannot create destination file '" + refused + "'"), run.err());
        assertTrue(run.err().contains("refused: nothing was written to any of the 3 destinations"), run.err());
        assertEquals("keep me", Files.readString(existing), "an existing file is not even emptied");
        assertFalse(Files.exists(created), "a file the copy created is removed again");
    }

    @Test
    void theSameDestinationTwiceIsRefused() throws Exception {
        Path image = image();
        Path copy = dir.resolve("a.img");
        Run run = bmaptool("copy", image.toString(), copy.toString(), dir.resolve("./a.img").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("are the same destination"), run.err());
        assertFalse(Files.exists(copy));
    }

    @Test
    void readBackCatchesABlockChangedOnItsWayToTheMedium() throws Exception {
        Path image = image();
        Path copy = dir.resolve("copy.img");
        // The write reports success but one byte reaches the medium changed: only reading it back shows that.
        Ports ports = Forwarding.wrapping(real -> new Forwarding(real) {
            @Override
            public void write(ByteBuffer data, long position) {
                long target = 9 * MIB + 4096 + 100;
                if (position <= target && target < position + data.remaining()) {
                    ByteBuffer changed = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
                    int at = (int) (target - position);
                    changed.put(at, (byte) (changed.get(at) ^ 1));
                    data.position(data.limit());
                    super.write(changed, position);
                    return;
                }
                super.write(data, position);
            }
        });
        Run run = bmaptool(ports, "copy", "--read-back", image.toString(), copy.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: ERROR: checksum mismatch for blocks range 2305 of '" + copy
                + "': calculated "), run.err());
        assertTrue(run.err().contains("copying time"), "the copy itself went well: " + run.err());
    }

    @Test
    void readBackOfAFaithfulCopyChecksEveryMappedByteUpToThePartialLastBlock() throws Exception {
        Path image = image();
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--read-back", image.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: info: read back and verified 516 mapped blocks (2.0 MiB) of '" + copy
                + "' in "), run.err());
        assertTrue(run.err().contains("every checksum matches"), run.err());
        // The partial last block is checked up to its last byte.
        try (var file = new java.io.RandomAccessFile(copy.toFile(), "rw")) {
            file.seek(16 * MIB + 999);
            int last = file.read();
            file.seek(16 * MIB + 999);
            file.write(last ^ 1);
        }
        Run verify = bmaptool("verify", "--bmap", dir.resolve("disk.img.bmap").toString(), copy.toString());
        assertEquals(1, verify.exitCode(), verify.err());
        assertTrue(verify.err().contains("blocks range 4096 of"), verify.err());
    }

    @Test
    void readBackNeedsChecksums() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path bmap = dir.resolve("plain.bmap");
        assertEquals(0, bmaptool("create", "--no-checksum", "-o", bmap.toString(), image.toString()).exitCode());
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--read-back", "--bmap", bmap.toString(), image.toString(), copy.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("has no checksums for some of its ranges: --read-back has nothing to verify"), run.err());
        assertFalse(Files.exists(copy), "refused before anything is written");
        Run nobmap = bmaptool("copy", "--read-back", "--nobmap", image.toString(), copy.toString());
        assertEquals(1, nobmap.exitCode());
        assertTrue(nobmap.err().contains("--read-back needs a bmap with checksums"), nobmap.err());
    }

    @Test
    void jsonProgressLinesParseAndEndWithDone() throws Exception {
        Path image = image();
        List<Path> copies = paths("a.img", "b.img");
        Path progress = dir.resolve("progress.jsonl");
        Run run = bmaptool(args(List.of("copy", "--read-back", "--progress=json", "--progress-file",
                progress.toString()), image, copies));
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(progress);
        assertTrue(lines.size() >= 4, lines.toString());
        List<String> phases = new java.util.ArrayList<>();
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) JsonLines.parse(line);
            phases.add((String) object.get("phase"));
            assertEquals(2, ((List<?>) object.get("destinations")).size(), line);
        }
        assertEquals("done", phases.get(phases.size() - 1));
        assertTrue(phases.containsAll(List.of("copy", "sync", "read-back", "done")), phases.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) JsonLines.parse(lines.get(lines.size() - 1));
        assertEquals(last.get("total"), last.get("bytes"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) last.get("destinations")).get(0);
        assertEquals(copies.get(0).toString(), first.get("path"));
        assertEquals("done", first.get("phase"));
    }

    @Test
    void jsonProgressOfAFailedDestinationCarriesItsErrorAndEndsWithFailed() throws Exception {
        Path image = image();
        Ports ports = Forwarding.wrapping(real -> !real.name().endsWith("b.img") ? real : new Forwarding(real) {
            @Override
            public void write(ByteBuffer data, long position) {
                throw PortException.of(name(), new IOException("No space left on device \"quoted\""));
            }
        });
        Run run = bmaptool(ports, args(List.of("copy", "--progress=json"), image, paths("a.img", "b.img")));
        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = run.err().lines().filter(line -> line.startsWith("{")).toList();
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) JsonLines.parse(lines.get(lines.size() - 1));
        assertEquals("failed", last.get("phase"));
        @SuppressWarnings("unchecked")
        Map<String, Object> broken = (Map<String, Object>) ((List<?>) last.get("destinations")).get(1);
        assertEquals("failed", broken.get("phase"));
        assertTrue(((String) broken.get("error")).endsWith("No space left on device \"quoted\""), broken.toString());
    }

    @Test
    void nobmapCopiesAStreamOfUnknownSizeToSeveralDestinations() throws Exception {
        Path image = image();
        Path gz = dir.resolve("disk.img.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(image, out);
        }
        List<Path> copies = paths("a.img", "b.img");
        Run run = bmaptool(args(List.of("copy", "--nobmap"), gz, copies));
        assertEquals(0, run.exitCode(), run.err());
        for (Path copy : copies) {
            assertEquals(-1L, Files.mismatch(image, copy), copy.toString());
        }
    }
}
