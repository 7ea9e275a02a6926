package org.bmaptool.app.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.cli.Console;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.TestImages;
import org.bmaptool.domain.text.ByteRegion;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.testkit.ProjectLayout;
import org.bmaptool.testkit.fakes.FakeFileExtents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The create use case against the pure-Java extents fake: any OS, byte-exact results. */
class CreateBmapTest {
    private static final Pattern RANGE = Pattern.compile("<Range(?: chksum=\"([0-9a-f]+)\")?> (\\d+)(?:-(\\d+))? </Range>");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private void create(FakeFileExtents extents, int threads, Path image, Path output, boolean checksums) {
        create(extents, threads, image, output, checksums, List.of());
    }

    private void create(FakeFileExtents extents, int threads, Path image, Path output, boolean checksums,
                        List<ByteRegion> nomap) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        new CreateBmap(new Ports(extents, null, null, null, null), console, threads)
                .run(new CreateRequest(image, Optional.ofNullable(output), checksums, nomap));
    }

    /** The ranges of the bmap printed, as "first-last" (with ":checksum" when it has one). */
    private List<String> printedRanges() {
        List<String> ranges = new ArrayList<>();
        Matcher m = RANGE.matcher(out.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            ranges.add(m.group(2) + "-" + (m.group(3) != null ? m.group(3) : m.group(2))
                    + (m.group(1) != null ? ":" + m.group(1) : ""));
        }
        return ranges;
    }

    private static String sha256(byte[] bytes, int from, int to) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(bytes, from, to - from);
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Test
    void nomapRegionInAHoleIsListedWithTheChecksumOfItsZeros() throws Exception {
        Path image = dir.resolve("env.img");
        byte[] bytes = new byte[16 * 4096];
        java.util.Arrays.fill(bytes, 0, 2 * 4096, (byte) 7);
        java.util.Arrays.fill(bytes, 10 * 4096, 12 * 4096, (byte) 9);
        Files.write(image, bytes);
        FakeFileExtents extents = new FakeFileExtents().with(image, 4096, FakeFileExtents.blocks(4096, 0, 1, 10, 11));

        create(extents, 2, image, null, true, List.of(ByteRegion.parse("16K:24K")));

        assertEquals(List.of("0-1:" + sha256(bytes, 0, 8192), "4-5:" + sha256(new byte[8192], 0, 8192),
                "10-11:" + sha256(bytes, 40960, 49152)), printedRanges());
        String bmap = out.toString(StandardCharsets.UTF_8);
        assertTrue(bmap.matches("(?s).*<MappedBlocksCount> 6 +</MappedBlocksCount>.*"), bmap);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nomapRegionsOverlappingOrTouchingMergeWithTheFilesExtentsIntoTheFewestRanges() throws Exception {
        Path image = dir.resolve("boot.img");
        Files.write(image, new byte[40 * 4096 + 100]);
        FakeFileExtents extents = new FakeFileExtents().with(image, 4096, FakeFileExtents.blocks(4096, 0, 1, 10, 11,
                30, 31));
        // 2-3 touches 0-1; 5-7 touches 8-10, which overlaps 10-11 (its unaligned ends widen it to whole blocks); the last
        // reaches into the partial last block; given out of order.
        create(extents, 2, image, null, false, List.of(ByteRegion.parse("163841:163940"),
                ByteRegion.parse("8K:16K"), ByteRegion.parse("32769:40961"), ByteRegion.parse("20K:32K")));

        assertEquals(List.of("0-3", "5-11", "30-31", "40-40"), printedRanges());
    }

    @Test
    void nomapRegionPastTheImagesEndIsRefusedNamingTheImageAndTheRegionAndNothingIsWritten() throws Exception {
        Path image = dir.resolve("small.img");
        Files.write(image, new byte[8 * 4096]);
        Path output = dir.resolve("small.bmap");
        CommandException error = assertThrows(CommandException.class, () -> create(new FakeFileExtents()
                .with(image, 4096, FakeFileExtents.blocks(4096, 0, 0)), 2, image, output, true,
                List.of(ByteRegion.parse("0:4K"), ByteRegion.parse("16K:33K"))));
        assertEquals("--nomap region 16384:33792 ends past the end of image file '" + image + "', which has 32768"
                + " bytes (32.0 KiB)", error.getMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    void nomapOverAnImageWithoutHolesKeepsUpstreamsWarningAndAFullImageListedByNomapHasNone() throws Exception {
        Path image = dir.resolve("listed.img");
        Files.write(image, new byte[4 * 4096]);
        create(new FakeFileExtents().with(image, 4096, List.of()), 2, image, null, false,
                List.of(ByteRegion.parse("0:16K")));
        assertEquals(List.of("0-3"), printedRanges());
        assertEquals("", err.toString(StandardCharsets.UTF_8), "the file itself has holes everywhere");
    }

    /** The ranges upstream mapped in the test image, as first-last pairs. */
    private static long[] upstreamRanges() throws IOException {
        String bmap = Files.readString(ProjectLayout.testdata().resolve("test.image.bmap.created-3.9-no-checksum"));
        List<Long> pairs = new ArrayList<>();
        Matcher m = RANGE.matcher(bmap);
        while (m.find()) {
            pairs.add(Long.parseLong(m.group(2)));
            pairs.add(Long.parseLong(m.group(3) != null ? m.group(3) : m.group(2)));
        }
        return pairs.stream().mapToLong(Long::longValue).toArray();
    }

    private FakeFileExtents upstreamTestImage(Path image) throws IOException {
        return new FakeFileExtents().with(image, 4096, FakeFileExtents.blocks(4096, upstreamRanges()));
    }

    @Test
    void bmapOfTheUpstreamTestImageIsByteIdenticalToUpstreams() throws IOException {
        Path image = TestImages.upstreamImage(dir);
        String expected = Files.readString(ProjectLayout.testdata().resolve("test.image.bmap.created-3.9"));
        for (int threads : new int[] {1, 2, 3, 8}) {
            out.reset();
            create(upstreamTestImage(image), threads, image, null, true);
            assertEquals(expected, out.toString(StandardCharsets.UTF_8), threads + " threads");
        }
        Path output = dir.resolve("test.image.bmap");
        create(upstreamTestImage(image), 2, image, output, true);
        assertEquals(expected, Files.readString(output));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bmapWithoutChecksumsIsByteIdenticalToUpstreams() throws IOException {
        Path image = TestImages.upstreamImage(dir);
        create(upstreamTestImage(image), 2, image, null, false);
        assertEquals(Files.readString(ProjectLayout.testdata().resolve("test.image.bmap.created-3.9-no-checksum")),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hundredsOfRangesOfEverySizeComeOutInOrderEachWithTheChecksumOfItsBytes() throws Exception {
        int blockSize = 4096;
        Path image = dir.resolve("many.img");
        Random random = new Random(42);
        byte[] bytes = new byte[20000 * blockSize + 333];
        random.nextBytes(bytes);
        Files.write(image, bytes);
        // One range bigger than a mapped window (16 MiB), then ranges of 1 to 40 blocks (read)
        // and some of 64 to 363 (mapped), gaps of 1 to 3 blocks, and one into the partial last block.
        List<Long> pairs = new ArrayList<>(List.of(0L, 4999L));
        long block = 5001;
        while (block < 19500) {
            long length = random.nextInt(10) == 0 ? 64 + random.nextInt(300) : 1 + random.nextInt(40);
            pairs.add(block);
            pairs.add(block + length - 1);
            block += length + 1 + random.nextInt(3);
        }
        pairs.add(19990L);
        pairs.add(20000L);
        long[] ranges = pairs.stream().mapToLong(Long::longValue).toArray();

        create(new FakeFileExtents().with(image, blockSize, FakeFileExtents.blocks(blockSize, ranges)), 4, image,
                null, true);

        Matcher m = RANGE.matcher(out.toString(StandardCharsets.UTF_8));
        int i = 0;
        while (m.find()) {
            long first = Long.parseLong(m.group(2));
            long last = m.group(3) != null ? Long.parseLong(m.group(3)) : first;
            assertEquals(ranges[i], first, "range " + i / 2);
            assertEquals(ranges[i + 1], last, "range " + i / 2);
            int from = (int) (first * blockSize);
            int to = (int) Math.min((last + 1) * blockSize, bytes.length);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes, from, to - from);
            assertEquals(HexFormat.of().formatHex(sha256.digest()), m.group(1), "range " + first + "-" + last);
            i += 2;
        }
        assertEquals(ranges.length, i);
        assertTrue(ranges.length / 2 > 250, "hundreds of ranges: " + ranges.length / 2);
    }

    @Test
    void emptyImageIsRefusedAsUpstreamRefusesIt() throws IOException {
        Path image = Files.createFile(dir.resolve("empty.img"));
        CommandException error = assertThrows(CommandException.class,
                () -> create(new FakeFileExtents().with(image, 4096, List.of()), 2, image, null, true));
        assertEquals("cannot generate bmap for zero-sized image file '" + image + "'", error.getMessage());
    }

    @Test
    void outputThatIsTheImageIsRefusedAndTheImageKept() throws IOException {
        Path image = TestImages.upstreamImage(dir);
        byte[] before = Files.readAllBytes(image);
        Path link = Files.createSymbolicLink(dir.resolve("link.bmap"), image);
        for (Path output : new Path[] {image, link, dir.resolve("./test.image")}) {
            CommandException error = assertThrows(CommandException.class,
                    () -> create(upstreamTestImage(image), 2, image, output, true));
            assertTrue(error.getMessage().contains("is the image file '" + image + "'"), error.getMessage());
        }
        assertEquals(HexFormat.of().formatHex(before), HexFormat.of().formatHex(Files.readAllBytes(image)));
    }

    @Test
    void imageThatGrowsWhileItIsMappedIsRefusedAndNoBmapIsLeft() throws IOException {
        Path image = TestImages.upstreamImage(dir);
        long size = Files.size(image);
        int[] walks = {0};
        FakeFileExtents growing = new FakeFileExtents().with(image, 4096,
                List.of(FakeFileExtents.blocks(4096, upstreamRanges())), () -> {
                    if (walks[0]++ == 1) {
                        append(image, new byte[8192]);
                    }
                });
        Path output = dir.resolve("out.bmap");
        CommandException error = assertThrows(CommandException.class,
                () -> create(growing, 2, image, output, true));
        assertEquals("the image file '" + image + "' changed size while its bmap was being created (from "
                + size + " to " + (size + 8192) + " bytes)", error.getMessage());
        assertFalse(Files.exists(output), "a half-made bmap is not left behind");
    }

    @Test
    void imageWhoseMapChangesBetweenTheTwoWalksIsRefused() throws IOException {
        Path image = TestImages.upstreamImage(dir);
        FakeFileExtents changing = new FakeFileExtents().with(image, 4096,
                List.of(FakeFileExtents.blocks(4096, 0, 1), FakeFileExtents.blocks(4096, 0, 2)), () -> { });
        CommandException error = assertThrows(CommandException.class,
                () -> create(changing, 2, image, null, true));
        assertTrue(error.getMessage().startsWith("cannot generate bmap for file '" + image + "': "), error.getMessage());
        assertTrue(error.getMessage().contains("changed"), error.getMessage());
    }

    @Test
    void fullyMappedImageIsMappedWithUpstreamsWarning() throws IOException {
        Path image = dir.resolve("full.img");
        Files.write(image, new byte[3 * 4096 + 5]);
        create(new FakeFileExtents().with(image, 4096, List.of(new ByteExtent(0, 3 * 4096 + 5))), 2, image, null, true);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("<Range chksum="), out.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("> 0-3 </Range>"), out.toString());
        assertEquals("bmaptool: WARNING: all 12.0 KiB are mapped, no holes in '" + image + "'\n"
                + "bmaptool: WARNING: was the image handled incorrectly and holes were expanded?\n",
                err.toString(StandardCharsets.UTF_8));
    }

    private static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
