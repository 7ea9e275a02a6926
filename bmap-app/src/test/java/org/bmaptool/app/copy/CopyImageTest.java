package org.bmaptool.app.copy;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.Run;
import org.bmaptool.app.TestImages;
import org.bmaptool.testkit.SparseFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bmaptool copy} from real sparse files to real files, through the command line. */
@Tag("linux") // runs on the real Linux adapters: not in the without-linux run
class CopyImageTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private static void overwrite(Path file, long position, String text) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), position);
        }
    }

    /** A 64 MiB image with data in five places, the last one a partial block at the very end. */
    private Path sparseImage() throws Exception {
        return SparseFiles.write(dir.resolve("disk.img"), 64 * MIB + 1000,
                0, 12288, 5 * MIB, 9 * MIB + 4096, 30 * MIB + 8192, 4096, 40 * MIB, 4096, 64 * MIB, 1000);
    }

    private Path createBmap(Path image) {
        Path bmap = dir.resolve(image.getFileName() + ".bmap");
        Run created = bmaptool("create", "-o", bmap.toString(), image.toString());
        assertEquals(0, created.exitCode(), created.err());
        return bmap;
    }

    @Test
    void copyOfSparseImageIsIdenticalAndAsSparse() throws Exception {
        Path image = sparseImage();
        createBmap(image);
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", image.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
        assertEquals(SparseImages.allocatedBytes(image), SparseImages.allocatedBytes(copy),
                "the copy holds data exactly where the image does");
        assertTrue(SparseImages.allocatedBytes(copy) < 10 * MIB, "the holes stay holes");
        assertTrue(run.err().contains("discovered bmap file '" + image + ".bmap'"), run.err());
        assertTrue(run.err().contains("bmaptool: info: 16385 blocks of size 4096 (64.0 MiB), mapped 2311 blocks"
                + " (9.0 MiB or 14.1%)"), run.err());
        assertTrue(run.err().contains("copying image 'disk.img' to file 'copy.img' using bmap file 'disk.img.bmap'"),
                run.err());
        assertTrue(run.err().contains("synchronizing '" + copy + "'"), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("bmaptool: info: copying time: .*s, copying speed .*/sec")),
                run.err());
    }

    @Test
    void copyOverAnOlderLargerFileLeavesNothingOfIt() throws Exception {
        Path image = sparseImage();
        createBmap(image);
        Path copy = dir.resolve("copy.img");
        try (RandomAccessFile old = new RandomAccessFile(copy.toFile(), "rw")) {
            old.setLength(70 * MIB);
            old.write("old".getBytes(StandardCharsets.US_ASCII));
            old.seek(20 * MIB);
            old.write("old".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(0, bmaptool("copy", image.toString(), copy.toString()).exitCode());
        assertEquals(-1L, Files.mismatch(image, copy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.2", "v1.3", "v1.4", "v2.0"})
    void copyWithEachUpstreamBmapVersionIsIdentical(String version) throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--bmap", TestImages.upstreamBmap(version).toString(), image.toString(),
                copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
        assertTrue(run.err().contains("block map format version " + version.substring(1)), run.err());
        assertTrue(run.err().contains("201 blocks of size 4096 (802.5 KiB), mapped 117 blocks (468.0 KiB or 58.2%)"),
                run.err());
        assertFalse(run.err().contains("discovered"), "an explicit bmap is not discovered");
    }

    @Test
    void checksumMismatchFailsNamingTheRangeAndBothChecksums() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        overwrite(image, 119 * 4096 + 10, "changed"); // inside range 119-133
        Run run = bmaptool("copy", "--bmap", TestImages.upstreamBmap("v2.0").toString(), image.toString(),
                dir.resolve("copy.img").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: ERROR: checksum mismatch for blocks range 119-133: calculated "),
                run.err());
        assertTrue(run.err().contains(", should be 483e868aa797d861b15623755e99e195b9bd2ae21cf65e13cbc3a31196ff1399 "
                + "(image file " + image + ")"), run.err());
        assertFalse(run.err().contains("copying time"), "a failed copy never reports success");
    }

    @Test
    void noVerifyCopiesACorruptedImageWithoutComplaint() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        overwrite(image, 119 * 4096 + 10, "changed");
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--no-verify", "--bmap", TestImages.upstreamBmap("v1.3").toString(),
                image.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
    }

    @Test
    void imageShorterThanTheBmapIsRefusedBeforeTheDestinationIsTouched() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(100 * 4096);
        }
        Path copy = dir.resolve("copy.img");
        Path bmap = TestImages.upstreamBmap("v2.0");
        Run run = bmaptool("copy", "--bmap", bmap.toString(), image.toString(), copy.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("image file '" + image + "' has 409600 bytes (400.0 KiB) but bmap file '" + bmap
                + "' describes an image of 821752 bytes (802.5 KiB): the bmap does not belong to this image"), run.err());
        assertFalse(Files.exists(copy), "nothing is created before every check passed");
    }

    @Test
    void shortImageOnStandardInputFailsNamingBothFiles() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(125 * 4096); // ends inside range 119-133
        }
        Path bmap = TestImages.upstreamBmap("v2.0");
        Run run = withStdin(image, "copy", "--bmap", bmap.toString(), "-", dir.resolve("copy.img").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("but should have 117 - bmap file '" + bmap + "' does not belong to this image"),
                run.err());
        assertTrue(run.err().contains("from image 'standard input'"), run.err());
    }

    @Test
    void imageOnStandardInputIsCopied() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path copy = dir.resolve("copy.img");
        Run run = withStdin(image, "copy", "--bmap", TestImages.upstreamBmap("v1.4").toString(), "-", copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
    }

    @Test
    void wholeImageOnStandardInputIsCopiedWithNobmap() throws Exception {
        Path image = sparseImage();
        Path copy = dir.resolve("copy.img");
        Run run = withStdin(image, "copy", "--nobmap", "-", copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
    }

    @Test
    void standardInputNeedsABmap() throws Exception {
        Run run = bmaptool("copy", "-", dir.resolve("copy.img").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--bmap is required when the image comes from standard input"), run.err());
    }

    @Test
    void nobmapCopiesTheWholeImage() throws Exception {
        Path image = sparseImage();
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--nobmap", image.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-1L, Files.mismatch(image, copy));
        assertTrue(run.err().contains("no bmap given, copy entire image to '" + copy + "'"), run.err());
    }

    @Test
    void missingBmapIsAnErrorThatSuggestsNobmap() throws Exception {
        Path image = sparseImage();
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", image.toString(), copy.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("bmap file not found, please, use --nobmap option to flash without bmap"),
                run.err());
        assertFalse(Files.exists(copy));
    }

    @Test
    void bmapIsDiscoveredWithTheExtensionsRemoved() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path renamed = Files.move(image, dir.resolve("test.image.raw"));
        Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("test.bmap"));
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", renamed.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("discovered bmap file '" + dir.resolve("test.bmap") + "'"), run.err());
        assertEquals(-1L, Files.mismatch(renamed, copy));
    }

    @Test
    void missingExplicitBmapIsAnError() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--bmap", dir.resolve("nope.bmap").toString(), image.toString(), copy.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot open bmap file '" + dir.resolve("nope.bmap") + "'"), run.err());
        assertFalse(Files.exists(copy));
    }

    @Test
    void bmapOfAnotherImageIsRefusedBeforeWriting() throws Exception {
        Path image = sparseImage();
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--bmap", TestImages.upstreamBmap("v2.0").toString(), image.toString(),
                copy.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("the bmap does not belong to this image"), run.err());
        assertFalse(Files.exists(copy));
    }

    @Test
    void bmapWithABadSelfChecksumIsRefusedBeforeWriting() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path bmap = dir.resolve("bad.bmap");
        Files.writeString(bmap, Files.readString(TestImages.upstreamBmap("v2.0")).replace("<BlockSize> 4096",
                "<BlockSize>  4096"));
        Path copy = dir.resolve("copy.img");
        Run run = bmaptool("copy", "--bmap", bmap.toString(), image.toString(), copy.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmap file '" + bmap + "'") && run.err().contains("checksum mismatch"),
                run.err());
        assertFalse(Files.exists(copy));
    }

    @Test
    void bmapGivenAsTheImageIsRefused() throws Exception {
        Path bmap = TestImages.upstreamBmap("v2.0");
        Run run = bmaptool("copy", "--bmap", bmap.toString(), bmap.toString(), dir.resolve("copy.img").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("you specified the same path for them"), run.err());
    }

    @Test
    void psplashPipeThatIsNoFifoGivesAWarningOnly() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path copy = dir.resolve("copy.img");
        Path notAPipe = dir.resolve("not-a-pipe");
        Run run = bmaptool("copy", "--psplash-pipe", notAPipe.toString(), "--bmap",
                TestImages.upstreamBmap("v2.0").toString(), image.toString(), copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: WARNING: '" + notAPipe
                + "' is not a pipe, so psplash progress will not be updated"), run.err());
    }

    @Test
    void psplashPipeReceivesProgressUpToHundred() throws Exception {
        Path fifo = dir.resolve("psplash_fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        // psplash keeps its FIFO open for reading; this reader does the same.
        Thread psplash = new Thread(() -> {
            try (InputStream in = new RandomAccessFileInput(fifo)) {
                byte[] buffer = new byte[256];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (received) {
                        received.write(buffer, 0, n);
                    }
                    if (received.toString(StandardCharsets.US_ASCII).contains("PROGRESS 100\n")) {
                        return;
                    }
                }
            } catch (Exception e) {
                // The test fails on what was received.
            }
        });
        psplash.setDaemon(true);
        psplash.start();
        Path image = TestImages.upstreamImage(dir);
        Run run = bmaptool("copy", "--psplash-pipe", fifo.toString(), "--bmap",
                TestImages.upstreamBmap("v2.0").toString(), image.toString(), dir.resolve("copy.img").toString());
        assertEquals(0, run.exitCode(), run.err());
        psplash.join(10_000);
        String text;
        synchronized (received) {
            text = received.toString(StandardCharsets.US_ASCII);
        }
        assertTrue(text.matches("(PROGRESS \\d+\\n)*PROGRESS 100\\n"), text);
    }

    /** Reads a FIFO opened read-write, so opening never waits for a writer. */
    private static final class RandomAccessFileInput extends InputStream {
        private final RandomAccessFile file;

        RandomAccessFileInput(Path path) throws Exception {
            this.file = new RandomAccessFile(path.toFile(), "rw");
        }

        @Override
        public int read() throws java.io.IOException {
            return file.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return file.read(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            file.close();
        }
    }

    private static Run withStdin(Path input, String... args) throws Exception {
        InputStream saved = System.in;
        try (InputStream in = Files.newInputStream(input)) {
            System.setIn(in);
            return bmaptool(args);
        } finally {
            System.setIn(saved);
        }
    }
}
