package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A compressed image damaged after its last mapped block (its trailer, its end, bytes
 * after it), copied through the linked launcher: the copy reads the stream to its end
 * and fails with the decoder's one-line error (file, compressed byte) and says the
 * destination cannot be trusted, with or without verification; the same image undamaged
 * copies (the codecs each meet every kind of damage in bmap-adapter-io's ReadToEndTest).
 * The image is 24 MiB with its data in the first 2 MiB: the damage lies far
 * beyond what the decoder has decoded ahead when the last mapped block is read.
 */
class CompressedImageEndIT {
    private static final int MIB = 1 << 20;
    private static final int IMAGE_SIZE = 24 * MIB;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** The image (its last block a hole: the copy's last read ends well before the stream does). */
    private static void writeImage(Path file) throws IOException {
        byte[] data = new byte[2 * MIB];
        new Random(6).nextBytes(data);
        byte[] words = "mapped text, then holes to the end\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = MIB; i < data.length; i++) {
            data[i] = words[i % words.length];
        }
        try (RandomAccessFile image = new RandomAccessFile(file.toFile(), "rw")) {
            image.seek(4096);
            image.write(data);
            image.setLength(IMAGE_SIZE);
        }
    }

    @BeforeAll
    static void makeBmapOnce() throws Exception {
        writeImage(shared.resolve("disk.img"));
        Launcher.Result created = Launcher.run(shared, "create", "-o", "disk.img.bmap", "disk.img");
        assertEquals(0, created.exitCode(), created.err());
    }

    @BeforeEach
    void makeImage() throws Exception {
        writeImage(dir.resolve("disk.img"));
        Files.copy(shared.resolve("disk.img.bmap"), dir.resolve("disk.img.bmap"));
    }

    private int sh(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), script);
        return process.exitValue();
    }

    private static void assumeTool(String tool) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool)),
                tool + " is not installed");
    }

    private void damage(String name, String how) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        switch (how) {
            case "crc":
                bytes[bytes.length - 8] ^= 1; // gzip's CRC-32 of the last member
                break;
            case "last-byte":
                bytes[bytes.length - 1] ^= (byte) 0x80; // inside every format's trailer
                break;
            case "truncated":
                bytes = Arrays.copyOf(bytes, bytes.length - 4);
                break;
            case "garbage":
                bytes = Arrays.copyOf(bytes, bytes.length + 8);
                System.arraycopy("garbage!".getBytes(StandardCharsets.US_ASCII), 0, bytes, bytes.length - 8, 8);
                break;
            default:
                throw new IllegalArgumentException(how);
        }
        Files.write(file, bytes);
    }

    @ParameterizedTest(name = "{1} {3} {2}")
    @CsvSource(delimiterString = " :: ", value = {
        "pigz :: disk.img.gz :: crc :: --no-verify :: pigz -c disk.img > disk.img.gz",
        "pbzip2 :: disk.img.bz2 :: truncated :: --no-verify :: pbzip2 -c disk.img > disk.img.bz2",
        "xz :: disk.img.xz :: garbage :: --bmap=disk.img.bmap :: xz -T2 -c disk.img > disk.img.xz",
        "zstd :: disk.img.zst :: last-byte :: --no-verify :: zstd -q -c disk.img > disk.img.zst",
        "lz4 :: disk.img.lz4 :: last-byte :: --bmap=disk.img.bmap :: lz4 -q -c disk.img > disk.img.lz4",
        "lzop :: disk.img.lzo :: garbage :: --no-verify :: lzop -c disk.img > disk.img.lzo",
    })
    void damageAfterTheLastMappedBlockFailsTheCopyWhileTheGoodImageCopies(String tool, String name, String how,
                                                                         String option, String script)
            throws Exception {
        assumeTool(tool);
        assertEquals(0, sh(script), script);

        Launcher.Result good = Launcher.run(dir, "copy", option, name, "good.img");
        assertEquals(0, good.exitCode(), good.err());
        assertEquals(-1L, Files.mismatch(dir.resolve("disk.img"), dir.resolve("good.img")));

        damage(name, how);
        TreeSnapshot before = TreeSnapshot.of(dir);
        Launcher.Result damaged = Launcher.run(dir, "copy", option, name, "copy.img");

        String message = assertCleanFailure(damaged, 1, "'" + name + "' is ", " compressed byte ",
                "; the image is corrupt and what was written to 'copy.img' cannot be trusted");
        assertTrue(message.matches("'" + name + "' is (corrupt|truncated): the .* compressed byte \\d+ \\(.*"),
                message);
        if (how.equals("crc")) {
            assertTrue(message.contains("CRC-32 mismatch in gzip member 1"), message);
        }
        before.assertUnchangedExcept(dir.resolve("copy.img"));
    }

    /** Without a bmap the size of a tar member is known: the copy stops there, and the rest must still be read. */
    @Test
    void nobmapCopyOfATarMemberReadsTheArchiveToItsEnd() throws Exception {
        assumeTool("tar");
        assumeTool("gzip");
        assertEquals(0, sh("tar -czf disk.tar.gz disk.img"));
        damage("disk.tar.gz", "crc");

        Launcher.Result result = Launcher.run(dir, "copy", "--nobmap", "disk.tar.gz", "copy.img");

        assertCleanFailure(result, 1, "'disk.tar.gz' is corrupt", "CRC-32 mismatch in gzip member 1",
                "cannot be trusted");
    }

    /**
     * A pipe on standard input is read up to the image's end: the program writing it
     * finishes (Python's bmaptool leaves it to die of SIGPIPE, which {@code pipefail}
     * reports as a failure of a good copy) and its own check of a damaged stream counts.
     */
    @Test
    void pipeOnStandardInputIsReadToTheImageEndSoItsWriterFinishesAndChecks() throws Exception {
        assumeTool("xz");
        assertEquals(0, sh("xz -c disk.img > disk.img.xz"));
        String launcher = Launcher.path().toString();

        String copy = "xz -dc disk.img.xz | " + launcher + " copy --bmap disk.img.bmap - copy.img";
        assertEquals(0, sh(copy), "the writer finished and the copy succeeded");
        assertEquals(-1L, Files.mismatch(dir.resolve("disk.img"), dir.resolve("copy.img")));

        damage("disk.img.xz", "truncated");
        assertTrue(sh(copy) != 0, "the writer's failure reaches the pipeline");
    }

    @Test
    void pipeOnStandardInputThatEndsAfterTheLastMappedBlockButBeforeTheImageEndFails() throws Exception {
        String launcher = Launcher.path().toString();
        int exit = sh("head -c " + 8 * MIB + " disk.img | " + launcher
                + " copy --bmap disk.img.bmap - copy.img 2> err.txt");

        assertEquals(1, exit);
        String err = Files.readString(dir.resolve("err.txt"));
        assertTrue(err.contains("bmaptool: ERROR: image file 'standard input' has " + 8 * MIB + " bytes (8.0 MiB) but"
                + " bmap file 'disk.img.bmap' describes an image of " + IMAGE_SIZE + " bytes"), err);
    }
}
