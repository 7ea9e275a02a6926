package org.bmaptool.domain.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bmaptool.domain.block.BlockRange;
import org.junit.jupiter.api.Test;

class SparseWriterTest {

    /** Our writer's whole file, the returned header put over the placeholder, as a caller does. */
    static byte[] written(byte[] image, SparseLayout layout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SparseHeader header = SparseWriter.write(layout, range -> new ByteArrayInputStream(image,
                (int) range.startByte(layout.blockSize()), (int) layout.bytesOf(range)), out);
        byte[] file = out.toByteArray();
        System.arraycopy(header.toBytes(), 0, file, 0, SparseHeader.SIZE);
        return file;
    }

    static List<ChunkType> types(byte[] sparse) throws IOException {
        SparseReader reader = SparseReader.open("out.simg", new ByteArrayInputStream(sparse));
        List<ChunkType> types = new ArrayList<>();
        for (SparseChunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
            types.add(chunk.type());
        }
        return types;
    }

    private static byte[] image(int blocks, int blockSize) {
        byte[] image = new byte[blocks * blockSize];
        new Random(blocks).nextBytes(image);
        return image;
    }

    @Test
    void holesBecomeDontCareUniformBlocksFillAndTheRestRaw() throws IOException {
        byte[] image = image(10, 64);
        Arrays.fill(image, 0, 64, (byte) 0);                 // block 0: zeros, mapped
        for (int i = 3 * 64; i < 5 * 64; i += 4) {           // blocks 3-4: one 4-byte pattern
            image[i] = 1; image[i + 1] = 2; image[i + 2] = 3; image[i + 3] = 4;
        }
        Arrays.fill(image, 6 * 64, 8 * 64, (byte) 0);        // blocks 6-7: a hole
        SparseLayout layout = new SparseLayout(64, image.length, List.of(new BlockRange(0, 5), new BlockRange(8, 9)));
        byte[] sparse = written(image, layout);
        assertEquals(List.of(ChunkType.FILL, ChunkType.RAW, ChunkType.FILL, ChunkType.RAW, ChunkType.DONT_CARE,
                ChunkType.RAW), types(sparse));
        assertArrayEquals(image, SparseBytes.expand("out.simg", sparse));
    }

    @Test
    void theHeaderCountsTheChunksAndLeavesTheImageChecksumZero() throws IOException {
        byte[] image = image(4, 16);
        SparseLayout layout = new SparseLayout(16, image.length, List.of(new BlockRange(1, 2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SparseHeader header = SparseWriter.write(layout, range -> new ByteArrayInputStream(image, 16, 32), out);
        assertEquals(new SparseHeader(16, 4, 3, 0), header);
        assertArrayEquals(new SparseHeader(16, 4, 0, 0).toBytes(), Arrays.copyOf(out.toByteArray(), 28));
    }

    @Test
    void adjacentUniformBlocksOfDifferentValuesAreSeparateFillChunks() throws IOException {
        byte[] image = new byte[3 * 8];
        Arrays.fill(image, 8, 16, (byte) 5);
        Arrays.fill(image, 16, 24, (byte) 5);
        image[0] = 9; image[4] = 9;
        byte[] sparse = written(image, new SparseLayout(8, image.length, List.of(new BlockRange(0, 2))));
        assertEquals(List.of(ChunkType.FILL, ChunkType.FILL), types(sparse));
        assertArrayEquals(image, SparseBytes.expand("out.simg", sparse));
    }

    @Test
    void anImageOfPartialLastBlockIsPaddedWithZerosToTheBlock() throws IOException {
        byte[] image = Arrays.copyOf(image(3, 4096), 10000);
        SparseLayout layout = new SparseLayout(4096, image.length, List.of(new BlockRange(0, 2)));
        assertEquals(2288, layout.padding());
        assertArrayEquals(Arrays.copyOf(image, 3 * 4096), SparseBytes.expand("out.simg", written(image, layout)));
    }

    @Test
    void rangesLongerThanTheWindowAreWrittenWhole() throws IOException {
        byte[] image = image(1500, 4096);
        SparseLayout layout = new SparseLayout(4096, image.length, List.of(new BlockRange(0, 1499)));
        byte[] sparse = written(image, layout);
        assertEquals(List.of(ChunkType.RAW, ChunkType.RAW), types(sparse));
        assertArrayEquals(image, SparseBytes.expand("out.simg", sparse));
    }

    @Test
    void anImageWithoutMappedBlocksIsOneDontCareChunk() throws IOException {
        byte[] sparse = written(new byte[0], new SparseLayout(4096, 5 * 4096, List.of()));
        assertEquals(List.of(ChunkType.DONT_CARE), types(sparse));
    }

    @Test
    void rangeBytesThatEndEarlyFail() {
        SparseLayout layout = new SparseLayout(16, 64, List.of(new BlockRange(0, 3)));
        EOFException e = assertThrows(EOFException.class,
                () -> SparseWriter.write(layout, range -> new ByteArrayInputStream(new byte[40]), new ByteArrayOutputStream()));
        assertEquals("the bytes of blocks 0-3 ended after 40 of 64", e.getMessage());
    }

    @Test
    void rangesOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SparseLayout(16, 64,
                List.of(new BlockRange(2, 3), new BlockRange(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> new SparseLayout(16, 64, List.of(new BlockRange(2, 4))));
    }
}
