package org.bmaptool.app.create;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.Run;
import org.bmaptool.app.TestImages;
import org.bmaptool.testkit.ProjectLayout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmaptool create} in process on real sparse files, with the real kernel adapter. */
@Tag("linux") // runs on the real Linux adapters: not in the without-linux run
class CreateOnTheKernelTest {
    private static final Pattern RANGE = Pattern.compile("<Range[^>]*> (\\d+)(?:-(\\d+))? </Range>");

    @TempDir
    Path dir;

    /**
     * Upstream's test image made sparse again: only the blocks upstream's bmap lists are
     * written, the rest of the file is holes, as after a bmap copy.
     */
    static Path sparseUpstreamImage(Path dir) throws Exception {
        Path raw = TestImages.upstreamImage(Files.createDirectories(dir.resolve("raw")));
        byte[] bytes = Files.readAllBytes(raw);
        Path sparse = dir.resolve("test.image");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(bytes.length);
        }
        String bmap = Files.readString(TestImages.upstreamBmap("v2.0"));
        try (FileChannel channel = FileChannel.open(sparse, StandardOpenOption.WRITE)) {
            Matcher m = RANGE.matcher(bmap);
            while (m.find()) {
                long first = Long.parseLong(m.group(1));
                long last = m.group(2) != null ? Long.parseLong(m.group(2)) : first;
                int from = (int) (first * 4096);
                int to = (int) Math.min((last + 1) * 4096, bytes.length);
                channel.write(ByteBuffer.wrap(bytes, from, to - from), from);
            }
        }
        return sparse;
    }

    private static void assumeFourKiBBlocks(Path dir) throws Exception {
        assumeTrue(Files.getFileStore(dir).getBlockSize() == 4096,
                "upstream's vectors have 4 KiB blocks; this filesystem's are " + Files.getFileStore(dir).getBlockSize());
    }

    @Test
    void createOfTheSparseUpstreamImageIsByteIdenticalToUpstreams() throws Exception {
        assumeFourKiBBlocks(dir);
        Path image = sparseUpstreamImage(dir);
        Run run = bmaptool("create", image.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readString(ProjectLayout.testdata().resolve("test.image.bmap.created-3.9")), run.out());
        assertEquals("", run.err());

        Path output = dir.resolve("test.image.bmap");
        run = bmaptool("create", "--no-checksum", "-o", output.toString(), image.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Files.readString(ProjectLayout.testdata().resolve("test.image.bmap.created-3.9-no-checksum")),
                Files.readString(output));
    }

    @Test
    void createRefusesAFolder() {
        Run run = bmaptool("create", dir.toString());
        assertEquals(1, run.exitCode());
        assertEquals("bmaptool: ERROR: '" + dir + "' is not a regular file\n", run.err());
    }

    @Test
    void createRefusesAnEmptyImageAsUpstreamDoes() throws Exception {
        Path image = Files.createFile(dir.resolve("empty.img"));
        Run run = bmaptool("create", image.toString());
        assertEquals(1, run.exitCode());
        assertEquals("bmaptool: ERROR: cannot generate bmap for zero-sized image file '" + image + "'\n", run.err());
    }

    @Test
    void createRefusesToWriteTheBmapOverTheImage() throws Exception {
        Path image = sparseUpstreamImage(dir);
        byte[] before = Files.readAllBytes(image);
        Run run = bmaptool("create", "-o", image.toString(), image.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("refusing to overwrite it"), run.err());
        assertEquals(java.util.Arrays.hashCode(before), java.util.Arrays.hashCode(Files.readAllBytes(image)));
    }
}
