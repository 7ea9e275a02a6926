package org.bmaptool.domain.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class SparseReaderTest {

    private static final int BS = 16;
    private static final String PREFIX = "'disk.simg' is not a valid Android sparse image: ";

    private static byte[] randomBlocks(int blocks) {
        byte[] data = new byte[blocks * BS];
        new Random(blocks).nextBytes(data);
        return data;
    }

    private static String failure(byte[] sparse) {
        return assertThrows(SparseImageException.class, () -> SparseBytes.expand("disk.simg", sparse)).getMessage();
    }

    private static int crcOf(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Test
    void chunksComeWithTheirBlockOffsetsFileOffsetsAndFillValues() throws IOException {
        byte[] raw = randomBlocks(2);
        byte[] sparse = new SparseBytes(BS).raw(raw).dontCare(3).fill(2, 0x11223344).bytes();
        SparseReader reader = SparseReader.open("disk.simg", new ByteArrayInputStream(sparse));
        assertEquals(new SparseHeader(BS, 7, 3, 0), reader.header());
        List<SparseChunk> chunks = new ArrayList<>();
        for (SparseChunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
            chunks.add(chunk);
        }
        assertEquals(List.of(new SparseChunk(1, 28, ChunkType.RAW, 0, 2, 0),
                new SparseChunk(2, 28 + 12 + 32, ChunkType.DONT_CARE, 2, 3, 0),
                new SparseChunk(3, 28 + 12 + 32 + 12, ChunkType.FILL, 5, 2, 0x11223344)), chunks);
        assertEquals(null, reader.next());
    }

    @Test
    void expandsRawFillAndDontCareAsLibsparseDoes() throws IOException {
        byte[] raw = randomBlocks(1);
        byte[] image = SparseBytes.expand("disk.simg", new SparseBytes(BS).raw(raw).dontCare(1).fill(1, 0x04030201).bytes());
        byte[] expected = new byte[3 * BS];
        System.arraycopy(raw, 0, expected, 0, BS);
        for (int i = 2 * BS; i < 3 * BS; i += 4) {
            expected[i] = 1; expected[i + 1] = 2; expected[i + 2] = 3; expected[i + 3] = 4;
        }
        assertArrayEquals(expected, image);
    }

    @Test
    void rawDataNotReadByTheCallerIsSkippedAndStillCounted() throws IOException {
        byte[] raw = randomBlocks(3);
        byte[] sparse = new SparseBytes(BS).raw(raw).crc32(crcOf(raw)).bytes();
        SparseReader reader = SparseReader.open("disk.simg", new ByteArrayInputStream(sparse));
        assertEquals(ChunkType.RAW, reader.next().type());
        assertEquals(ChunkType.CRC32, reader.next().type());
        assertEquals(null, reader.next());
    }

    @Test
    void crc32ChunksCountDontCareAsZerosAndFillAsItsValue() throws IOException {
        byte[] raw = randomBlocks(1);
        byte[] expanded = new byte[4 * BS];
        System.arraycopy(raw, 0, expanded, 0, BS);
        Arrays.fill(expanded, 3 * BS, 4 * BS, (byte) 0x7F);
        SparseBytes sparse = new SparseBytes(BS).raw(raw).dontCare(2).fill(1, 0x7F7F7F7F).crc32(crcOf(expanded));
        sparse.imageChecksum = crcOf(expanded);
        assertArrayEquals(expanded, SparseBytes.expand("disk.simg", sparse.bytes()));
    }

    @Test
    void aHigherMinorVersionAndLongerHeadersAreReadSkippingTheExtraBytes() throws IOException {
        SparseBytes sparse = new SparseBytes(BS);
        sparse.minor = 7;
        sparse.fileHeaderSize = 40;
        sparse.chunkHeaderSize = 20;
        byte[] raw = randomBlocks(2);
        sparse.raw(raw).fill(1, 0);
        byte[] expected = Arrays.copyOf(raw, 3 * BS);
        assertArrayEquals(expected, SparseBytes.expand("disk.simg", sparse.bytes()));
    }

    @Test
    void theMagicIsRecognisedFromTheFirstFourBytes() {
        assertTrue(SparseHeader.looksLikeSparse(new byte[] {0x3A, (byte) 0xFF, 0x26, (byte) 0xED, 1}));
        assertFalse(SparseHeader.looksLikeSparse(new byte[] {0x3A, (byte) 0xFF, 0x26}));
        assertFalse(SparseHeader.looksLikeSparse("<?xml".getBytes()));
    }

    @Test
    void aFileWithoutTheMagicIsRefused() {
        SparseBytes sparse = new SparseBytes(BS);
        sparse.magic = 0x12345678;
        assertEquals(PREFIX + "it does not start with the magic 0xED26FF3A", failure(sparse.bytes()));
    }

    @Test
    void aHeaderCutShortIsRefused() {
        byte[] sparse = Arrays.copyOf(new SparseBytes(BS).bytes(), 20);
        assertEquals(PREFIX + "the file ends after 20 bytes, inside the 28-byte file header", failure(sparse));
    }

    @Test
    void anUnknownMajorVersionIsRefused() {
        SparseBytes sparse = new SparseBytes(BS);
        sparse.major = 2;
        assertEquals(PREFIX + "it has major version 2, only version 1 is known", failure(sparse.bytes()));
    }

    @Test
    void headerSizesBelowTheFormatsAreRefused() {
        SparseBytes sparse = new SparseBytes(BS);
        sparse.chunkHeaderSize = 8;
        assertEquals(PREFIX + "its header sizes 28 and 8 are below the format's 28 and 12 bytes", failure(sparse.bytes()));
    }

    @Test
    void aBlockSizeThatIsNotAMultipleOfFourIsRefused() {
        assertEquals(PREFIX + "its block size 4097 is not a positive multiple of 4", failure(new SparseBytes(4097).bytes()));
    }

    @Test
    void anUnknownChunkTypeIsNamedWithItsChunkAndOffset() {
        SparseBytes sparse = new SparseBytes(BS).raw(randomBlocks(1));
        long offset = sparse.offset();
        sparse.chunk(0xCAC9, 1, 12, new byte[0]);
        assertEquals(PREFIX + "chunk 2 at byte " + offset + " has unknown type 0xCAC9", failure(sparse.bytes()));
    }

    @Test
    void aTotalSizeThatDoesNotFitTheChunkIsRefused() {
        SparseBytes sparse = new SparseBytes(BS).dontCare(1);
        long offset = sparse.offset();
        sparse.chunk(0xCAC1, 2, 12 + BS, randomBlocks(1));
        assertEquals(PREFIX + "chunk 2 at byte " + offset + " has a total size of 28 bytes, but a RAW chunk of 2 blocks"
                + " takes 44", failure(sparse.bytes()));
    }

    @Test
    void aFillChunkWithoutFourDataBytesIsRefused() {
        byte[] sparse = new SparseBytes(BS).chunk(0xCAC2, 1, 12, new byte[0]).bytes();
        assertEquals(PREFIX + "chunk 1 at byte 28 has a total size of 12 bytes, but a FILL chunk of 1 blocks takes 16",
                failure(sparse));
    }

    @Test
    void rawDataCutShortIsRefusedWithHowMuchArrived() {
        byte[] whole = new SparseBytes(BS).raw(randomBlocks(4)).bytes();
        byte[] sparse = Arrays.copyOf(whole, 28 + 12 + 50);
        assertEquals(PREFIX + "chunk 1 at byte 28 is cut short: the file ends after 50 of its 64 data bytes", failure(sparse));
    }

    @Test
    void fewerChunksThanTheHeaderSaysIsRefused() {
        SparseBytes sparse = new SparseBytes(BS).dontCare(1).dontCare(1);
        long offset = sparse.offset();
        sparse.totalChunks = 3;
        assertEquals(PREFIX + "chunk 3 at byte " + offset + " is cut short: the file ends inside its header (the header"
                + " says 3 chunks)", failure(sparse.bytes()));
    }

    @Test
    void aCrc32ChunkThatDoesNotMatchIsRefused() {
        byte[] raw = randomBlocks(1);
        SparseBytes sparse = new SparseBytes(BS).raw(raw);
        long offset = sparse.offset();
        sparse.crc32(crcOf(raw) ^ 1);
        assertEquals(PREFIX + "chunk 2 at byte " + offset + " has CRC-32 " + String.format("0x%08X", crcOf(raw) ^ 1)
                + ", but the image expanded so far has " + String.format("0x%08X", crcOf(raw)), failure(sparse.bytes()));
    }

    @Test
    void anImageChecksumThatDoesNotMatchIsRefused() {
        SparseBytes sparse = new SparseBytes(BS).fill(1, 0);
        sparse.imageChecksum = 0x1234;
        assertEquals(PREFIX + "the header's image checksum 0x00001234 does not match the expanded image's "
                + String.format("0x%08X", crcOf(new byte[BS])), failure(sparse.bytes()));
    }

    @Test
    void moreBlocksThanTheHeaderSaysAreRefusedAtTheChunkThatOverruns() {
        SparseBytes sparse = new SparseBytes(BS).dontCare(2);
        long offset = sparse.offset();
        sparse.fill(2, 9);
        sparse.totalBlocks = 3;
        assertEquals(PREFIX + "chunk 2 at byte " + offset + " runs to block 4, past the 3 blocks the header says",
                failure(sparse.bytes()));
    }

    @Test
    void fewerBlocksThanTheHeaderSaysAreRefusedAtTheEnd() {
        SparseBytes sparse = new SparseBytes(BS).dontCare(2);
        sparse.totalBlocks = 5;
        assertEquals(PREFIX + "its 1 chunks cover 2 blocks, but the header says 5", failure(sparse.bytes()));
    }
}
