package org.bmaptool.domain.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips against AOSP libsparse's own tools as Debian packages them
 * (android-sdk-libsparse-utils): {@code simg2img} expands what our writer wrote, and our
 * reader expands what {@code img2simg} wrote. Skipped where the tools are not installed.
 */
class SparseToolsRoundTripTest {

    @TempDir
    Path dir;

    /** Random blocks, zero blocks, pattern blocks and, where {@code size} asks, a partial last block. */
    private static byte[] image(int size) {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        Arrays.fill(image, 4096, 3 * 4096, (byte) 0);
        Arrays.fill(image, 5 * 4096, 8 * 4096, (byte) 0xA5);
        Arrays.fill(image, 20 * 4096, 40 * 4096, (byte) 0);
        return image;
    }

    private static final List<BlockRange> MAPPED = List.of(new BlockRange(0, 19), new BlockRange(40, 63));

    @Test
    void simg2imgExpandsOurImageToTheImageByteForByte() throws IOException, InterruptedException {
        Processes.assumeTool("simg2img");
        byte[] image = image(64 * 4096);
        Path simg = dir.resolve("ours.simg");
        Files.write(simg, SparseWriterTest.written(image, new SparseLayout(4096, image.length, MAPPED)));
        Processes.run("simg2img", simg.toString(), dir.resolve("out.img").toString());
        assertArrayEquals(image, Files.readAllBytes(dir.resolve("out.img")));
    }

    @Test
    void simg2imgExpandsOurImageOfAPartialBlockToTheImagePaddedWithZeros() throws IOException, InterruptedException {
        Processes.assumeTool("simg2img");
        byte[] image = image(63 * 4096 + 1000);
        Path simg = dir.resolve("ours.simg");
        Files.write(simg, SparseWriterTest.written(image, new SparseLayout(4096, image.length, MAPPED)));
        Processes.run("simg2img", simg.toString(), dir.resolve("out.img").toString());
        assertArrayEquals(Arrays.copyOf(image, 64 * 4096), Files.readAllBytes(dir.resolve("out.img")));
    }

    @Test
    void ourReaderExpandsImg2simgsImageToTheImage() throws IOException, InterruptedException {
        Processes.assumeTool("img2simg");
        byte[] image = image(64 * 4096);
        Path raw = dir.resolve("in.img");
        Files.write(raw, image);
        Processes.run("img2simg", raw.toString(), dir.resolve("theirs.simg").toString());
        byte[] sparse = Files.readAllBytes(dir.resolve("theirs.simg"));
        // Debian's img2simg writes the zero runs and the pattern run as FILL chunks, never DONT_CARE.
        assertEquals(List.of(ChunkType.RAW, ChunkType.FILL, ChunkType.RAW, ChunkType.FILL, ChunkType.RAW,
                ChunkType.FILL, ChunkType.RAW), SparseWriterTest.types(sparse));
        assertArrayEquals(image, SparseBytes.expand("theirs.simg", sparse));
    }

    @Test
    void ourReaderExpandsImg2simgsImageOfAPartialBlockPaddedAsItPadsIt() throws IOException, InterruptedException {
        Processes.assumeTool("img2simg");
        byte[] image = image(63 * 4096 + 1000);
        Path raw = dir.resolve("in.img");
        Files.write(raw, image);
        Processes.run("img2simg", raw.toString(), dir.resolve("theirs.simg").toString(), "1024");
        byte[] expanded = SparseBytes.expand("theirs.simg", Files.readAllBytes(dir.resolve("theirs.simg")));
        assertArrayEquals(Arrays.copyOf(image, 63 * 4096 + 1024), expanded);
    }

    @Test
    void simg2imgExpandsTheTestsDontCareFixtureAsOurReaderDoes() throws IOException, InterruptedException {
        Processes.assumeTool("simg2img");
        byte[] data = new byte[2 * 4096];
        new Random(7).nextBytes(data);
        byte[] sparse = new SparseBytes(4096).dontCare(3).raw(data).dontCare(2).fill(1, 0x01020304).bytes();
        Path simg = dir.resolve("dontcare.simg");
        Files.write(simg, sparse);
        Processes.run("simg2img", simg.toString(), dir.resolve("out.img").toString());
        assertArrayEquals(SparseBytes.expand("dontcare.simg", sparse), Files.readAllBytes(dir.resolve("out.img")));
    }
}
