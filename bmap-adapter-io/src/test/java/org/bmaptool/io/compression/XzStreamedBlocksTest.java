package org.bmaptool.io.compression;

import org.bmaptool.ports.location.Location;

import static org.bmaptool.io.compression.Fixtures.assumeTools;
import static org.bmaptool.io.compression.Fixtures.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.bmaptool.io.compression.bytes.CountingInputStream;
import org.bmaptool.io.compression.parallel.CompressedUnit;
import org.bmaptool.io.compression.parallel.ParallelDecodingInputStream;
import org.bmaptool.io.compression.xz.XzBlocks;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * xz blocks that are not held in memory but streamed in turn: blocks larger than the
 * reader holds ({@code xz -T0 -9} writes blocks of up to 192 MiB), and blocks without
 * sizes after blocks with them in one stream (valid xz that no known tool writes, spliced
 * here from Debian xz's own blocks). The same bytes as xz gives; a failure inside names
 * its offset; no decoder thread outlives the stream.
 */
class XzStreamedBlocksTest {
    @TempDir
    Path dir;
    /** The test image, then random bytes that xz stores in uncompressed LZMA2 chunks. */
    private byte[] data;

    @BeforeEach
    void makeData() throws IOException {
        byte[] image = Fixtures.image(dir.resolve("disk.img"));
        byte[] random = new byte[300_000];
        new Random(5).nextBytes(random);
        data = Arrays.copyOf(image, image.length + random.length);
        System.arraycopy(random, 0, data, image.length, random.length);
        Files.write(dir.resolve("data.img"), data);
    }

    /** Decodes {@code name}, holding blocks up to {@code maxBlock} bytes and streaming larger ones. */
    private byte[] decode(String name, long maxBlock) throws IOException {
        return decode(name, maxBlock, Decoders.SYSTEM);
    }

    private byte[] decode(String name, long maxBlock, Decoders decoders) throws IOException {
        try (InputStream in = new ParallelDecodingInputStream(
                new XzBlocks(Files.newInputStream(dir.resolve(name)), decoders, maxBlock))) {
            return in.readAllBytes();
        }
    }

    /** The message a user sees for {@code name} decoded so, which must fail. */
    private PortException failure(String name, long maxBlock) throws IOException {
        CountingInputStream counted = new CountingInputStream(Files.newInputStream(dir.resolve(name)));
        IOException failed = assertThrows(IOException.class, () -> {
            try (InputStream in = new ParallelDecodingInputStream(new XzBlocks(counted, Decoders.SYSTEM, maxBlock))) {
                in.readAllBytes();
            }
        });
        PortException message = CompressedImages.failure(name, ImageFormat.of(Location.parse(name)).orElseThrow(), counted, failed);
        assertFalse(message.getMessage().contains("\n"), message.getMessage());
        return message;
    }

    /** The image cut into files part1, part2... of these lengths and the rest. */
    private void parts(int... lengths) throws IOException {
        int at = 0;
        for (int i = 0; i <= lengths.length; i++) {
            int end = i < lengths.length ? at + lengths[i] : data.length;
            Files.write(dir.resolve("part" + (i + 1)), Arrays.copyOfRange(data, at, end));
            at = end;
        }
    }

    @ParameterizedTest(name = "{0}, blocks over {1} bytes streamed")
    @CsvSource(delimiterString = " :: ", value = {
        // Every block streamed; some; only the random ones, the first among them.
        "blocks.xz :: 0 :: xz -T2 -1 --block-size=100000 -c data.img > blocks.xz",
        "blocks.xz :: 20000 :: xz -T2 -1 --block-size=100000 -c data.img > blocks.xz",
        "random-first.xz :: 90000 :: tail -c 300000 data.img > r; cat r data.img | xz -T2 -1 --block-size=100000 > random-first.xz",
        // Each kind of check, so each length of padding and check after the data.
        "checks.xz :: 0 :: i=0; for check in none crc32 crc64 sha256; do xz -T2 -0 --check=$check --block-size=77777 -c part$((++i));"
            + " printf '\\0\\0\\0\\0'; done > checks.xz",
        // A filter before LZMA2; empty and plain xz streams after streamed blocks.
        "mixed.xz :: 0 :: xz -T2 --x86 --lzma2=preset=1 --block-size=65536 -c part1 > mixed.xz; xz -c < /dev/null >> mixed.xz;"
            + " xz -T2 -1 --block-size=99999 -c part2 >> mixed.xz; xz -T1 -1 -c part3 >> mixed.xz; xz -T2 -1 --block-size=99999 -c part4 >> mixed.xz",
    })
    void blocksTooLargeToHoldAreStreamedInTurn(String name, long maxBlock, String script) throws Exception {
        assumeTools("xz", "bash");
        parts(77_777, 1_000_001, 300_000);
        sh(dir, script);
        byte[] expected = name.equals("random-first.xz")
                ? concat(Arrays.copyOfRange(data, data.length - 300_000, data.length), data) : data;
        for (Decoders decoders : Decoders.values()) {
            assertArrayEquals(expected, decode(name, maxBlock, decoders), decoders.toString());
        }
    }

    @Test
    void streamedAndHeldBlocksAreCutAsTheirSizesSay() throws Exception {
        assumeTools("xz", "bash");
        sh(dir, "xz -T2 -1 --block-size=100000 -c data.img > blocks.xz");
        List<long[]> blocks = xzBlocks("blocks.xz");
        long maxBlock = 40_000;
        try (XzBlocks units = new XzBlocks(Files.newInputStream(dir.resolve("blocks.xz")), Decoders.SYSTEM, maxBlock)) {
            int streamedBlocks = 0;
            for (long[] block : blocks) {
                CompressedUnit unit = units.next();
                assertEquals(block[0], unit.offset());
                assertEquals(block[1] > maxBlock, unit.streamed(), "block at " + block[0] + " of " + block[1] + " bytes");
                if (unit.streamed()) {
                    streamedBlocks++;
                    try (InputStream decoded = units.unitDecoder(units.streamed(unit))) {
                        assertEquals(block[2], decoded.readAllBytes().length);
                    }
                }
            }
            assertEquals(null, units.next(), "the index and footer check out against the streamed blocks too");
            assertTrue(streamedBlocks >= 3 && streamedBlocks < blocks.size(), streamedBlocks + " of " + blocks.size());
        }
    }

    /**
     * Blocks without sizes in their headers after blocks with them, in one stream: their
     * ends are found as they are decoded, and the blocks after them go on in parallel.
     */
    @ParameterizedTest(name = "blocks over {0} bytes streamed")
    @CsvSource({"0", "60000", "100000000"})
    void blocksWithoutSizesAfterBlocksWithSizesDecode(long maxBlock) throws Exception {
        assumeTools("xz", "bash");
        parts(150_000, 1_000_001, 300_000);
        sh(dir, "xz -T2 -1 --block-size=100000 -c part1 > a.xz; xz -1 -c part2 > b.xz;"
                + " xz --x86 --lzma2=preset=1 -c part3 > c.xz; xz -T2 -1 --block-size=100000 -c part4 > d.xz");
        splice("spliced.xz", "a.xz", "b.xz", "c.xz", "d.xz");
        assertArrayEquals(data, decode("spliced.xz", maxBlock));
    }

    @Test
    void splicedStreamIsValidXzWithBlocksWithoutSizesInside() throws Exception {
        assumeTools("xz", "bash");
        parts(150_000, 1_000_001);
        sh(dir, "xz -T2 -1 --block-size=100000 -c part1 > a.xz; xz -1 -c part2 > b.xz; xz -T2 -1 --block-size=100000 -c part3 > c.xz");
        splice("spliced.xz", "a.xz", "b.xz", "c.xz");
        sh(dir, "xz -dc spliced.xz > out.img; cmp out.img data.img; xz --robot -lvv spliced.xz > list.txt");
        String list = Files.readString(dir.resolve("list.txt"), StandardCharsets.US_ASCII);
        assertTrue(list.contains("\nstream\t1\t") && !list.contains("\nstream\t2\t"), "one stream: " + list);
        assertTrue(list.matches("(?s).*\tcu\t.*\t--\t.*\tcu\t.*"), "blocks with sizes, without, with again: " + list);
        try (ImageSourceReader source = new ImageSourceReader(dir.resolve("spliced.xz"))) {
            assertArrayEquals(data, source.readAll(), "as the image sources open it");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", value = {
        "a block too large to hold :: 0 :: xz -T2 -1 --block-size=100000 -c data.img > x.xz",
        "a block without sizes :: 100000000 :: xz -T2 -1 --block-size=100000 -c part1 > a.xz; xz -1 -c part2 > b.xz;"
            + " xz -T2 -1 --block-size=100000 -c part3 > c.xz",
    })
    void corruptionInsideAStreamedBlockFailsThereWithItsOffset(String what, long maxBlock, String script) throws Exception {
        assumeTools("xz", "bash");
        parts(150_000, 1_000_001);
        sh(dir, script);
        if (!Files.exists(dir.resolve("x.xz"))) {
            splice("x.xz", "a.xz", "b.xz", "c.xz");
        }
        List<long[]> blocks = xzBlocks("x.xz");
        long[] middle = blocks.get(blocks.size() / 2);
        if (maxBlock > 0) {
            middle = blocks.stream().filter(block -> block[5] == 0).findFirst().orElseThrow(); // b.xz's block
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("x.xz"));
        for (long i = middle[0] + middle[1] / 2; i < middle[0] + middle[1] / 2 + 16; i++) {
            bytes[(int) i] ^= 0x5a;
        }
        Files.write(dir.resolve("x.xz"), bytes);
        PortException failure = failure("x.xz", maxBlock);
        assertTrue(failure.getMessage().startsWith("'x.xz' is corrupt: the xz stream does not decode near compressed byte "),
                failure.getMessage());
        long offset = offsetIn(failure);
        assertTrue(offset >= middle[0] + middle[1] / 2 && offset <= middle[0] + middle[1], offset + " in block " + Arrays.toString(middle));
        assertTrue(decoderThreadsEnd(), "failed: no decoder thread is left");
    }

    @Test
    void truncatedInsideAStreamedBlockFailsAtTheEnd() throws Exception {
        assumeTools("xz", "bash");
        sh(dir, "xz -T2 -1 --block-size=100000 -c data.img > x.xz");
        byte[] bytes = Files.readAllBytes(dir.resolve("x.xz"));
        int cut = bytes.length / 2 + 1234;
        Files.write(dir.resolve("x.xz"), Arrays.copyOf(bytes, cut));
        PortException failure = failure("x.xz", 0);
        assertTrue(failure.getMessage().startsWith("'x.xz' is truncated: the xz stream ends at compressed byte " + cut + " "),
                failure.getMessage());
    }

    @ParameterizedTest(name = "closed after {0} bytes")
    @CsvSource({"1000", "700000"})
    void closingInsideOrBeforeAStreamedBlockEndsTheDecoderThreads(int read) throws Exception {
        assumeTools("xz", "bash");
        sh(dir, "xz -T2 -1 --block-size=100000 -c data.img > x.xz");
        try (InputStream in = new ParallelDecodingInputStream(
                new XzBlocks(Files.newInputStream(dir.resolve("x.xz")), Decoders.SYSTEM, 40_000))) {
            assertEquals(read, in.readNBytes(read).length);
        }
        assertTrue(decoderThreadsEnd(), "closed early: no decoder thread is left");
    }

    /**
     * {@code xz -T2 -7} writes blocks of 48 MiB: of random bytes, a block is larger than the
     * 48 MiB held. It is streamed, the block after it held. xz takes most of a minute to
     * compress them, so the test runs only when asked for.
     */
    @Test
    void realXzBlockOverTheHeldSizeIsStreamed() throws Exception {
        assumeTrue("1".equals(System.getenv("BMAPTOOL_SLOW_TESTS")),
                "xz takes most of a minute to pack 50 MiB of random bytes; set BMAPTOOL_SLOW_TESTS=1 to run it");
        assumeTools("xz", "bash");
        sh(dir, "head -c 51380224 /dev/urandom > big.img; cat disk.img >> big.img; xz -T2 -7 -c big.img > big.img.xz");
        List<long[]> blocks = xzBlocks("big.img.xz");
        assertEquals(2, blocks.size());
        assertTrue(blocks.get(0)[1] > 48 << 20, "the first block is too large to hold: " + blocks.get(0)[1]);
        try (ImageSourceReader source = new ImageSourceReader(dir.resolve("big.img.xz"))) {
            assertArrayEquals(sha256(Files.newInputStream(dir.resolve("big.img"))), source.sha256());
        }
    }

    private static byte[] sha256(InputStream in) throws IOException {
        try (DigestInputStream digest = new DigestInputStream(in, newSha256())) {
            digest.transferTo(OutputStream.nullOutputStream());
            return digest.getMessageDigest().digest();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An image opened as the image sources open it: by name, with the default held size. */
    private static final class ImageSourceReader implements AutoCloseable {
        private final ImageSource source;

        ImageSourceReader(Path file) throws IOException {
            source = CompressedImages.openByName(file.toString(), Files.newInputStream(file)).orElseThrow();
        }

        byte[] readAll() throws IOException {
            return Fixtures.readAll(source);
        }

        byte[] sha256() throws IOException {
            MessageDigest digest = newSha256();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            long position = 0;
            int n;
            while ((n = source.read(buffer.clear(), position)) >= 0) {
                digest.update(buffer.array(), 0, n);
                position += n;
            }
            return digest.digest();
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * Each block of an xz file as {@code xz --robot -lvv} lists it: its offset, total size
     * (with padding), decoded size, header size, compressed data size, and 1 when its
     * header holds its sizes, else 0.
     */
    private List<long[]> xzBlocks(String name) throws Exception {
        sh(dir, "xz --robot -lvv " + name + " > list.txt");
        List<long[]> blocks = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("list.txt"), StandardCharsets.US_ASCII)) {
            String[] field = line.split("\t");
            if (field[0].equals("block")) {
                blocks.add(new long[] {Long.parseLong(field[4]), Long.parseLong(field[6]), Long.parseLong(field[7]),
                    Long.parseLong(field[11]), Long.parseLong(field[13]), field[12].equals("cu") ? 1 : 0});
            }
        }
        return blocks;
    }

    /**
     * One xz stream of the blocks of several single-stream xz files with CRC64 checks, in
     * order: the first file's stream header, every block as it is, and a new index and
     * footer. Files of plain {@code xz} give blocks without sizes in their headers.
     */
    private void splice(String target, String... sources) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] first = Files.readAllBytes(dir.resolve(sources[0]));
        out.write(first, 0, 12);
        List<long[]> records = new ArrayList<>();
        for (String source : sources) {
            byte[] file = Files.readAllBytes(dir.resolve(source));
            for (long[] block : xzBlocks(source)) {
                out.write(file, (int) block[0], (int) block[1]);
                records.add(new long[] {block[3] + block[4] + 8, block[2]});
            }
        }
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        index.write(0);
        varint(index, records.size());
        for (long[] record : records) {
            varint(index, record[0]);
            varint(index, record[1]);
        }
        while (index.size() % 4 != 0) {
            index.write(0);
        }
        littleEndianCrc(index, index.toByteArray());
        out.write(index.toByteArray());
        byte[] footer = new byte[6];
        int backwardSize = index.size() / 4 - 1;
        for (int i = 0; i < 4; i++) {
            footer[i] = (byte) (backwardSize >>> 8 * i);
        }
        footer[4] = first[6];
        footer[5] = first[7];
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        littleEndianCrc(tail, footer);
        tail.write(footer);
        tail.write('Y');
        tail.write('Z');
        out.write(tail.toByteArray());
        Files.write(dir.resolve(target), out.toByteArray());
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value | 0x80) & 0xff);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void littleEndianCrc(ByteArrayOutputStream out, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        long value = crc.getValue();
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> 8 * i) & 0xff);
        }
    }

    private static long offsetIn(PortException e) {
        Matcher offset = Pattern.compile("compressed byte (\\d+) ").matcher(e.getMessage());
        assertTrue(offset.find(), e.getMessage());
        return Long.parseLong(offset.group(1));
    }

    private static boolean decoderThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().startsWith("xz decoder"));
    }

    /** Waits, boundedly, for the decoder threads to end; true when they have. */
    private static boolean decoderThreadsEnd() throws InterruptedException {
        for (int i = 0; i < 200 && decoderThreadsAlive(); i++) {
            Thread.sleep(50);
        }
        return !decoderThreadsAlive();
    }
}
