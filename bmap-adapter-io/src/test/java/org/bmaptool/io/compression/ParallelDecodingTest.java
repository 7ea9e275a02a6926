package org.bmaptool.io.compression;

import static org.bmaptool.io.compression.Fixtures.assumeTools;
import static org.bmaptool.io.compression.Fixtures.readAll;
import static org.bmaptool.io.compression.Fixtures.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmaptool.io.compression.bzip2.Bzip2Streams;
import org.bmaptool.io.compression.parallel.CompressedUnit;
import org.bmaptool.io.compression.parallel.CompressedUnits;
import org.bmaptool.io.compression.parallel.ParallelDecodingInputStream;
import org.bmaptool.io.compression.xz.XzBlocks;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * pbzip2 streams and {@code xz -T} blocks decoded several at once: the same bytes as the
 * tools give, whatever the streams' sizes and wherever the reads cut them; failures in
 * a middle unit name the offset; no decoder thread outlives its image.
 */
class ParallelDecodingTest {
    private static final byte[] BZIP2_BLOCK_MAGIC = {'1', 'A', 'Y', '&', 'S', 'Y'};

    @TempDir
    Path dir;
    private byte[] image;

    @BeforeEach
    void makeImage() throws IOException {
        image = Fixtures.image(dir.resolve("disk.img"));
    }

    private byte[] decode(String name) throws IOException {
        Path file = dir.resolve(name);
        try (ImageSource source = CompressedImages.openByName(file.toString(), Files.newInputStream(file)).orElseThrow()) {
            return readAll(source);
        }
    }

    private PortException decodeFails(String name) {
        return assertThrows(PortException.class, () -> decode(name), name);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " :: ", value = {
        // Streams of 100 kB, the last one short.
        "pbzip2 :: many.bz2 :: pbzip2 -1 -b1 -c disk.img > many.bz2",
        // Streams ending at odd sizes, empty streams among them, one of several blocks.
        "pbzip2 :: odd.bz2 :: bzip2 -c part1 > a.bz2; bzip2 -c < /dev/null > e.bz2; pbzip2 -1 -b3 -c part2 > b.bz2;"
            + " cat part3 part4 | bzip2 -1 -c > c.bz2; cat e.bz2 a.bz2 e.bz2 e.bz2 b.bz2 c.bz2 e.bz2 > odd.bz2",
        "xz :: blocks.xz :: xz -T2 -1 --block-size=100000 -c disk.img > blocks.xz",
        "xz :: checks.xz :: i=0; for check in none crc32 crc64 sha256; do xz -T2 -0 --check=$check --block-size=77777 -c part$((++i));"
            + " printf '\\0\\0\\0\\0'; done > checks.xz",
        "xz :: mixed.xz :: xz -T2 -1 --block-size=65536 -c part1 > mixed.xz; xz -c < /dev/null >> mixed.xz;"
            + " xz -T1 -1 -c part2 >> mixed.xz; xz -T2 -1 --block-size=99999 -c part3 part4 >> mixed.xz",
        "xz :: one.xz :: xz -T2 -1 -c disk.img > one.xz",
    })
    void decodesManyUnitsToTheToolsBytes(String tool, String name, String script) throws Exception {
        assumeTools(tool, "bash");
        parts(77_777, 1_000_001, 300_000);
        sh(dir, script);
        assertArrayEquals(image, decode(name));
    }

    /** The image cut into files part1, part2... of these lengths and the rest. */
    private void parts(int... lengths) throws IOException {
        int at = 0;
        for (int i = 0; i <= lengths.length; i++) {
            int end = i < lengths.length ? at + lengths[i] : image.length;
            Files.write(dir.resolve("part" + (i + 1)), Arrays.copyOfRange(image, at, end));
            at = end;
        }
    }

    /** Streams of the file, found by the real magic the tools write (the test's files hold no other). */
    private static List<Integer> bzip2StreamStarts(byte[] file) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 10 <= file.length; i++) {
            if (file[i] == 'B' && file[i + 1] == 'Z' && file[i + 2] == 'h'
                    && Arrays.equals(file, i + 4, i + 10, BZIP2_BLOCK_MAGIC, 0, 6)) {
                starts.add(i);
            }
        }
        return starts;
    }

    private byte[] pbzip2() throws Exception {
        assumeTools("pbzip2", "bash");
        sh(dir, "pbzip2 -1 -b1 -c disk.img > disk.img.bz2");
        return Files.readAllBytes(dir.resolve("disk.img.bz2"));
    }

    private static byte[] readStream(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[12_345];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** Reads of exactly {@code size} bytes (the last one shorter), to put cuts across read and buffer edges. */
    private static InputStream readsOf(byte[] bytes, int size) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return super.read(target, offset, Math.min(length, size));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Decoders.class)
    void streamBoundaryAtEveryPlaceOfTheBufferDecodes(Decoders decoders) throws Exception {
        byte[] file = pbzip2();
        int second = bzip2StreamStarts(file).get(1);
        // The second stream's magic: at a buffer's end, across it by one to nine bytes, at its start.
        for (int size : new int[] {second, second + 1, second - 1, second - 5, second - 9, second + 10, 10, 11, 4099}) {
            ParallelDecodingInputStream decoded = new ParallelDecodingInputStream(
                    new Bzip2Streams(readsOf(file, size), decoders, size, 1 << 20));
            assertArrayEquals(image, readStream(decoded), "reads of " + size);
        }
    }

    @ParameterizedTest(name = "longest held stream {0} bytes, {1} decoders")
    @CsvSource({"1000, SYSTEM", "150000, SYSTEM", "1000, JAVA", "150000, JAVA"})
    void streamTooLongToHoldIsDecodedSequentially(int maxStream, Decoders decoders) throws Exception {
        assumeTools("bzip2", "pbzip2", "bash");
        // A pbzip2 part, then one long stream of many blocks, then pbzip2 again.
        parts(300_000, 1_500_000);
        sh(dir, "pbzip2 -1 -b1 -c part1 > x.bz2; bzip2 -1 -c part2 >> x.bz2; pbzip2 -1 -b1 -c part3 >> x.bz2");
        byte[] file = Files.readAllBytes(dir.resolve("x.bz2"));
        assertArrayEquals(image, readStream(new ParallelDecodingInputStream(new Bzip2Streams(
                new ByteArrayInputStream(file), decoders, 4096, maxStream))));
    }

    /**
     * Cuts that fall where no stream ends, as a magic number inside compressed data would
     * make them: the decoding goes on sequentially from the unit before the wrong cut.
     */
    @ParameterizedTest
    @EnumSource(Decoders.class)
    void wrongCutFallsBackToSequentialDecoding(Decoders decoders) throws Exception {
        byte[] file = pbzip2();
        List<Integer> starts = bzip2StreamStarts(file);
        int third = starts.get(2);
        int fourth = starts.get(3);
        List<Integer> cuts = new ArrayList<>(starts);
        cuts.add(third + 777); // inside the third stream
        cuts.add(fourth + 5); // inside the magic of the fourth
        cuts.add(starts.get(starts.size() - 1) + 3);
        cuts.sort(null);
        assertArrayEquals(image, readStream(new ParallelDecodingInputStream(new CutAt(file, cuts, decoders))));
    }

    /** The real bzip2 decoders over a file cut where the test says. */
    private static final class CutAt implements CompressedUnits {
        private final byte[] file;
        private final List<Integer> cuts;
        private final Decoders decoders;
        private int next;
        private int position;

        CutAt(byte[] file, List<Integer> cuts, Decoders decoders) {
            this.file = file;
            this.decoders = decoders;
            this.cuts = new ArrayList<>(cuts);
            this.cuts.add(file.length);
        }

        @Override
        public CompressedUnit next() {
            while (next < cuts.size() && cuts.get(next) <= position) {
                next++;
            }
            if (next == cuts.size()) {
                return null;
            }
            int end = cuts.get(next);
            byte[] unit = Arrays.copyOfRange(file, position, end);
            CompressedUnit result = CompressedUnit.held(unit, unit.length, 0, position, unit.length, -1);
            position = end;
            return result;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public InputStream remainder() {
            return new ByteArrayInputStream(file, position, file.length - position);
        }

        @Override
        public InputStream unitDecoder(InputStream unit) throws IOException {
            return decoders.bzip2(unit);
        }

        @Override
        public InputStream restDecoder(InputStream compressed) throws IOException {
            return decoders.bzip2(compressed);
        }

        @Override
        public boolean cutsMayBeWrong() {
            return true;
        }

        @Override
        public String formatName() {
            return "test bzip2";
        }

        @Override
        public void close() {
        }
    }

    /** The compressed offsets where the blocks of an xz file start, and its end, as {@code xz --list} gives them. */
    private List<Long> xzBlockStarts(String name) throws Exception {
        sh(dir, "xz --robot -lvv " + name + " > list.txt");
        List<Long> starts = new ArrayList<>();
        Matcher block = Pattern.compile("(?m)^block\\t\\d+\\t\\d+\\t\\d+\\t(\\d+)\\t").matcher(
                Files.readString(dir.resolve("list.txt"), StandardCharsets.US_ASCII));
        while (block.find()) {
            starts.add(Long.parseLong(block.group(1)));
        }
        starts.add(Files.size(dir.resolve(name)));
        return starts;
    }

    private void corruptAt(String name, int at) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = at; i < at + 16; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        Files.write(file, bytes);
    }

    /** The offset a failure message names. */
    private static long offsetIn(PortException e) {
        Matcher offset = Pattern.compile("compressed byte (\\d+) ").matcher(e.getMessage());
        assertTrue(offset.find(), e.getMessage());
        return Long.parseLong(offset.group(1));
    }

    /** Reads until the failure; the bytes it gave before must be the image's. */
    private long goodBytesBefore(String name, PortException[] failure) throws IOException {
        Path file = dir.resolve(name);
        long position = 0;
        try (ImageSource source = CompressedImages.openByName(file.toString(), Files.newInputStream(file)).orElseThrow()) {
            ByteBuffer buffer = ByteBuffer.allocate(65_536);
            int n;
            while ((n = source.read(buffer.clear(), position)) >= 0) {
                assertArrayEquals(Arrays.copyOfRange(image, (int) position, (int) position + n),
                        Arrays.copyOf(buffer.array(), n), "bytes at " + position);
                position += n;
            }
        } catch (PortException e) {
            failure[0] = e;
        }
        return position;
    }

    @Test
    void corruptMiddleXzBlockFailsThereAfterTheBlocksBeforeIt() throws Exception {
        assumeTools("xz", "bash");
        sh(dir, "xz -T2 -1 --block-size=100000 -c disk.img > disk.img.xz");
        List<Long> starts = xzBlockStarts("disk.img.xz");
        int middle = starts.size() / 2;
        corruptAt("disk.img.xz", (int) (starts.get(middle) + starts.get(middle + 1)) / 2);
        PortException[] failure = new PortException[1];
        long good = goodBytesBefore("disk.img.xz", failure);
        assertTrue(failure[0] != null, "the corrupt block fails the read");
        assertTrue(failure[0].getMessage().startsWith("'" + dir.resolve("disk.img.xz") + "' is corrupt: "), failure[0].getMessage());
        assertFalse(failure[0].getMessage().contains("\n"), failure[0].getMessage());
        long offset = offsetIn(failure[0]);
        assertTrue(offset >= starts.get(middle) && offset <= starts.get(middle + 1), offset + " in " + starts);
        assertTrue(good >= (middle - 1) * 100_000L, "the blocks before the corrupt one come out: " + good);
    }

    @Test
    void corruptMiddleBzip2StreamFailsThereAfterTheStreamsBeforeIt() throws Exception {
        byte[] file = pbzip2();
        List<Integer> starts = bzip2StreamStarts(file);
        int middle = starts.size() / 2;
        corruptAt("disk.img.bz2", (starts.get(middle) + starts.get(middle + 1)) / 2);
        PortException[] failure = new PortException[1];
        long good = goodBytesBefore("disk.img.bz2", failure);
        assertTrue(failure[0] != null, "the corrupt stream fails the read");
        assertTrue(failure[0].getMessage().startsWith("'" + dir.resolve("disk.img.bz2") + "' is corrupt: "), failure[0].getMessage());
        long offset = offsetIn(failure[0]);
        assertTrue(offset >= starts.get(middle) && offset <= starts.get(middle + 1), offset + " in " + starts);
        // The image source hands on whole buffers of 1 MiB: the last partial one is lost with the failure.
        assertTrue(good <= middle * 100_000L && good > middle * 100_000L - (1 << 20),
                "the streams before the corrupt one come out, and no more: " + good);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", value = {
        "disk.img.bz2 :: pbzip2 :: pbzip2 -1 -b1 -c disk.img > disk.img.bz2",
        "disk.img.xz :: xz :: xz -T2 -1 --block-size=100000 -c disk.img > disk.img.xz",
    })
    void truncatedInAMiddleUnitFailsAtTheEnd(String name, String tool, String script) throws Exception {
        assumeTools(tool, "bash");
        sh(dir, script);
        Path file = dir.resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        int cut = bytes.length / 2 + 1234;
        Files.write(file, Arrays.copyOf(bytes, cut));
        PortException[] failure = new PortException[1];
        long good = goodBytesBefore(name, failure);
        assertTrue(failure[0] != null, "a truncated file fails the read");
        assertTrue(failure[0].getMessage().startsWith("'" + file + "' is truncated: "), failure[0].getMessage());
        assertEquals(cut, offsetIn(failure[0]), failure[0].getMessage());
        assertTrue(good < image.length, "no more than the units before the cut come out: " + good);
    }

    private static boolean decoderThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("bzip2 decoder") || thread.getName().startsWith("xz decoder"));
    }

    /** Waits, boundedly, for the decoder threads to end; true when they have. */
    private static boolean decoderThreadsEnd() throws InterruptedException {
        for (int i = 0; i < 200 && decoderThreadsAlive(); i++) {
            Thread.sleep(50);
        }
        return !decoderThreadsAlive();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", value = {
        "disk.img.bz2 :: pbzip2 :: pbzip2 -1 -b1 -c disk.img > disk.img.bz2",
        "disk.img.xz :: xz :: xz -T2 -1 --block-size=100000 -c disk.img > disk.img.xz",
    })
    void closingEarlyOrFailingEndsTheDecoderThreads(String name, String tool, String script) throws Exception {
        assumeTools(tool, "bash");
        sh(dir, script);
        Path file = dir.resolve(name);
        try (ImageSource source = CompressedImages.openByName(file.toString(), Files.newInputStream(file)).orElseThrow()) {
            assertTrue(source.read(ByteBuffer.allocate(1000), 0) > 0);
        }
        assertTrue(decoderThreadsEnd(), "closed early: no decoder thread is left");
        corruptAt(name, Files.readAllBytes(file).length / 3);
        decodeFails(name);
        assertTrue(decoderThreadsEnd(), "failed: no decoder thread is left");
        Files.write(file, new byte[] {'B', 'Z', 'h', '9', (byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0});
        decodeFails(name);
        assertTrue(decoderThreadsEnd(), "failed at once: no decoder thread is left");
    }

    @Test
    void manyStreamsOfRandomSizesDecode() throws Exception {
        assumeTools("bzip2", "bash");
        Random random = new Random(7);
        int[] lengths = new int[image.length / 20_000];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = random.nextInt(20_000);
        }
        parts(lengths);
        sh(dir, "for i in $(seq " + (lengths.length + 1) + "); do bzip2 -1 -c part$i; done > r.bz2");
        assertArrayEquals(image, decode("r.bz2"));
    }

    @Test
    void xzBlocksWithSizesAreCutApartAndPlainXzIsDecodedSequentially() throws Exception {
        assumeTools("xz", "bash");
        sh(dir, "xz -T2 -1 --block-size=100000 -c disk.img > t.xz; xz -T1 -1 -c disk.img > plain.xz");
        List<Long> starts = xzBlockStarts("t.xz");
        try (XzBlocks blocks = new XzBlocks(Files.newInputStream(dir.resolve("t.xz")), Decoders.SYSTEM)) {
            for (int i = 0; i < starts.size() - 1; i++) {
                CompressedUnit unit = blocks.next();
                assertFalse(unit.rest(), "block " + i);
                assertEquals(starts.get(i), unit.offset(), "block " + i);
                assertEquals(i < starts.size() - 2 ? 100_000 : image.length % 100_000, unit.decodedSize());
            }
            assertEquals(null, blocks.next(), "the index and footer check out, and nothing follows");
        }
        try (XzBlocks blocks = new XzBlocks(Files.newInputStream(dir.resolve("plain.xz")), Decoders.SYSTEM)) {
            assertTrue(blocks.next().rest(), "plain xz: no sizes in the block header");
        }
    }
}
