package org.bmaptool.domain.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BmapWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"test.image.bmap.created-3.9", "test.image.bmap.created-3.9-no-checksum",
        "big.image.bmap.created-3.9"})
    void writesWhatUpstream39WritesForTheSameFacts(String vector) throws IOException {
        Bmap upstream = BmapReader.read(Vectors.source(vector));

        byte[] ours = write(upstream.header(), BmapReaderTest.ranges(upstream));

        assertEquals(new String(Vectors.bytes(vector), StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
        assertArrayEquals(Vectors.bytes(vector), ours);
    }

    @Test
    void readsBackRandomMapsAsTheyWereWritten() throws IOException {
        Random random = new Random(20240611);
        for (int round = 0; round < 200; round++) {
            int blockSize = 1 << (9 + random.nextInt(8));
            long imageSize = 1 + (long) (Math.pow(10, 1 + random.nextInt(12)) * random.nextDouble());
            ChecksumType type = List.of(ChecksumType.SHA256, ChecksumType.SHA1,
                    ChecksumType.named("sha512").orElseThrow(), ChecksumType.named("md5").orElseThrow())
                    .get(random.nextInt(4));
            boolean checksums = random.nextInt(4) != 0;
            long blocks = BmapHeader.blocksFor(imageSize, blockSize);
            List<MappedRange> ranges = new ArrayList<>();
            long mapped = 0;
            for (long first = random.nextInt(3); first < blocks && ranges.size() < 100; ) {
                long last = Math.min(blocks - 1, first + (long) (Math.pow(blocks, random.nextDouble()) / 4));
                String checksum = checksums ? HexDigest.of(type.newDigest().digest(new byte[] {(byte) first})) : null;
                ranges.add(MappedRange.of(first, last, checksum));
                mapped += last - first + 1;
                first = last + 2 + (long) (Math.pow(blocks, random.nextDouble()) / 4);
            }
            BmapHeader header = new BmapHeader(FormatVersion.CURRENT, imageSize, blockSize, blocks, mapped,
                    Optional.of(type));

            byte[] bytes = write(header, ranges);
            Bmap read = BmapReader.read(BmapSource.of("round-" + round + ".bmap", bytes));

            assertEquals(header, read.header(), "round " + round);
            assertEquals(ranges, BmapReaderTest.ranges(read), "round " + round);
        }
    }

    @Test
    void padsTheMappedCountsAsUpstreamDoes() throws IOException {
        // Upstream writes blanks as wide as the image size's text, then the mapped size over them.
        BmapHeader header = new BmapHeader(FormatVersion.CURRENT, 821752, 4096, 201, 9, Optional.of(ChecksumType.SHA256));
        List<MappedRange> ranges = List.of(MappedRange.of(0, 8, null));

        String text = new String(write(header, ranges), StandardCharsets.UTF_8);

        assertTrue(text.contains("    <!-- Count of mapped blocks: 36.0 KiB or 4.5%      -->\n"), text);
        assertTrue(text.contains("    <MappedBlocksCount> 9   </MappedBlocksCount>\n"), text);
    }

    @Test
    void letsALongMappedSizeRunIntoTheCommentEndAsUpstreamDoes() throws IOException {
        // A one-byte image in 64 KiB blocks: "64.0 KiB or 100.0%" is wider than the blanks for "1 byte".
        BmapHeader header = new BmapHeader(FormatVersion.CURRENT, 1, 65536, 1, 1, Optional.of(ChecksumType.SHA256));

        String text = new String(write(header, List.of(MappedRange.of(0, 0, null))), StandardCharsets.UTF_8);

        assertTrue(text.contains("    <!-- Image size in bytes: 1 byte -->\n"), text);
        assertTrue(text.contains("    <!-- Count of mapped blocks: 64.0 KiB or 100.0% -->\n"), text);
    }

    @Test
    void writesEachRangeBeforeAskingForTheNext() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        Iterator<MappedRange> ranges = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 5;
            }

            @Override
            public MappedRange next() {
                sizes.add(out.size());
                next++;
                return MappedRange.of(2L * next, 2L * next, null);
            }
        };
        BmapHeader header = new BmapHeader(FormatVersion.CURRENT, 4096 * 20, 4096, 20, 5, Optional.of(ChecksumType.SHA256));

        BmapWriter.write(header, ranges, out);

        for (int i = 1; i < sizes.size(); i++) {
            assertEquals(sizes.get(i - 1) + ("        <Range> " + 2 * i + " </Range>\n").length(), (int) sizes.get(i),
                    "output before range " + i + ": " + sizes);
        }
    }

    @Test
    void refusesRangesThatDoNotAddUpToTheMappedCount() {
        BmapHeader header = new BmapHeader(FormatVersion.CURRENT, 40000, 4096, 10, 8, Optional.of(ChecksumType.SHA256));

        BmapException e = assertThrows(BmapException.class,
                () -> write(header, List.of(MappedRange.of(0, 1, null))));

        assertEquals("the image's ranges hold 2 blocks, not the 8 counted before: the image changed while it"
                + " was mapped", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "sha1", "sha512", "sha3_256"})
    void writesWhatDebiansBmaptoolCopies(String typeName, @TempDir Path dir) throws IOException, InterruptedException {
        Path bmaptool = onPath("bmaptool");
        Assumptions.assumeTrue(bmaptool != null, "Debian's Python bmaptool is not installed (apt-get install bmap-tools)");
        ChecksumType type = ChecksumType.named(typeName).orElseThrow();
        int blockSize = 4096;
        long imageSize = 37 * blockSize + 1234;
        Path image = dir.resolve("image.img");
        Random random = new Random(7);
        List<BlockRange> data = List.of(new BlockRange(0, 2), new BlockRange(5, 5), new BlockRange(9, 20),
                new BlockRange(36, 37));
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(imageSize);
            for (BlockRange range : data) {
                byte[] bytes = new byte[(int) (range.endByte(blockSize, imageSize) - range.startByte(blockSize))];
                random.nextBytes(bytes);
                file.seek(range.startByte(blockSize));
                file.write(bytes);
            }
        }
        byte[] imageBytes = Files.readAllBytes(image);
        List<MappedRange> ranges = new ArrayList<>();
        long mapped = 0;
        for (BlockRange range : data) {
            byte[] digest = type.newDigest().digest(java.util.Arrays.copyOfRange(imageBytes,
                    (int) range.startByte(blockSize), (int) range.endByte(blockSize, imageSize)));
            ranges.add(new MappedRange(range, Optional.of(HexDigest.of(digest))));
            mapped += range.length();
        }
        BmapHeader header = new BmapHeader(FormatVersion.CURRENT, imageSize, blockSize,
                BmapHeader.blocksFor(imageSize, blockSize), mapped, Optional.of(type));
        Path bmap = dir.resolve("image.bmap");
        Files.write(bmap, write(header, ranges));
        Path copy = dir.resolve("copy.img");

        Process process = new ProcessBuilder(bmaptool.toString(), "copy", "--bmap", bmap.toString(),
                image.toString(), copy.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), output);
        assertArrayEquals(imageBytes, Files.readAllBytes(copy));
    }

    /** Writes, then puts the file's own checksum in where the writer left zeros, as the caller does. */
    static byte[] write(BmapHeader header, List<MappedRange> ranges) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BmapWriter.Written written = BmapWriter.write(header, ranges.iterator(), out);
        byte[] bytes = out.toByteArray();
        assertEquals(bytes.length, written.length());
        byte[] checksum = written.checksum().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, bytes, (int) written.checksumOffset(), checksum.length);
        return bytes;
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
