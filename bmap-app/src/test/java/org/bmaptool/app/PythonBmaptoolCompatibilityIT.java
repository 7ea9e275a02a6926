package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bmap format both ways with Debian's Python bmaptool (package bmap-tools, 3.6):
 * it copies images with the bmaps our {@code create} writes, we copy them with the bmaps
 * its {@code create} writes, plain and gzip-compressed, and every copy is the image byte
 * for byte. Each side verifies the other's range checksums and the bmap's own checksum
 * on the way, so a bmap one of them misreads fails the copy. Skipped where
 * {@code /usr/bin/bmaptool} is not the Python tool (our own package installs that path too).
 */
class PythonBmaptoolCompatibilityIT {
    private static final Path PYTHON_BMAPTOOL = Path.of("/usr/bin/bmaptool");
    private static final long KIB = 1 << 10;
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void requirePythonBmaptool() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON_BMAPTOOL), PYTHON_BMAPTOOL + " is not installed (Debian: bmap-tools)");
        String shebang = Files.readAllLines(PYTHON_BMAPTOOL, StandardCharsets.ISO_8859_1).stream().findFirst()
                .orElse("");
        assumeTrue(shebang.startsWith("#!") && shebang.contains("python"),
                PYTHON_BMAPTOOL + " is not the Python bmaptool: " + shebang);
        Launcher.Result version = python(Path.of("/"), "--version");
        assumeTrue(version.exitCode() == 0 && (version.out() + version.err()).strip().matches("bmaptool 3\\.\\d+"),
                PYTHON_BMAPTOOL + " --version says: " + version.out() + version.err());
    }

    /** The images, each with checksums and without. */
    static Stream<Arguments> images() {
        List<Arguments> cases = new ArrayList<>();
        for (String image : new String[] {"upstream test image", "several extents, unaligned size",
                "data in a partial last block"}) {
            cases.add(Arguments.of(image, true));
            cases.add(Arguments.of(image, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, checksums {1}")
    @MethodSource("images")
    void eachCopiesTheImageWithTheOthersBmapAndBothMapTheSameRanges(String name, boolean checksums)
            throws Exception {
        Path image = image(name);
        String[] noChecksum = checksums ? new String[0] : new String[] {"--no-checksum"};
        Path ours = create(true, image, "ours.bmap", noChecksum);
        Path theirs = create(false, image, "theirs.bmap", noChecksum);

        assertCopies(false, ours, image, image);
        assertCopies(true, theirs, image, image);

        Bmap ourMap = read(ours);
        Bmap theirMap = read(theirs);
        assertEquals(theirMap.header(), ourMap.header());
        assertEquals(theirMap.ranges().toList(), ourMap.ranges().toList());
        assertEquals(checksums, ourMap.ranges().allMatch(range -> range.checksum().isPresent()));
        // Upstream 3.9 fixed typos in the header comment ("The block map is an
        // optimization", "has to be zero", "this block range"), so the bytes and with them
        // BmapFileChecksum differ; the version (2.0), elements and attributes do not.
        String ourText = Files.readString(ours);
        String theirText = Files.readString(theirs);
        assertNotEquals(theirText, ourText);
        assertEquals(withoutCommentsAndFileChecksum(theirText), withoutCommentsAndFileChecksum(ourText));
    }

    @Test
    void eachCopiesAGzipCompressedImageWithTheOthersBmap() throws Exception {
        Path image = image("several extents, unaligned size");
        Path gz = TestImages.gzip(image, dir.resolve("extents.img.gz"));
        Path ours = create(true, image, "ours.bmap");
        Path theirs = create(false, image, "theirs.bmap");
        assertCopies(false, ours, gz, image);
        assertCopies(true, theirs, gz, image);
    }

    private Path image(String name) throws Exception {
        switch (name) {
            case "upstream test image":
                return TestImages.sparseUpstreamImage(dir);
            case "several extents, unaligned size":
                // Runs starting and ending inside blocks; the partial last block is a hole.
                return sparse("extents.img", 5 * MIB + 1234, new long[][] {
                        {0, 4 * KIB}, {64 * KIB, 10_000}, {MIB, 512 * KIB}, {3 * MIB + 100, 8 * KIB},
                        {4 * MIB, 1}});
            case "data in a partial last block":
                return sparse("tail.img", 2 * MIB + 777, new long[][] {{8 * KIB, 12_000}, {2 * MIB - 3000, 3777}});
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** A sparse file of {@code size} bytes whose {@code runs} ({start, length}) hold seeded random bytes. */
    private Path sparse(String name, long size, long[][] runs) throws IOException {
        Path path = dir.resolve(name);
        Random random = new Random(size);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(size);
            for (long[] run : runs) {
                byte[] data = new byte[(int) run[1]];
                random.nextBytes(data);
                file.seek(run[0]);
                file.write(data);
            }
        }
        return path;
    }

    /** The bmap of {@code image} written by our {@code create} or Python's, into {@code dir/name}. */
    private Path create(boolean ourTool, Path image, String name, String... options) throws Exception {
        Path bmap = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("create", "-o", bmap.toString()));
        args.addAll(List.of(options));
        args.add(image.toString());
        Launcher.Result result = run(ourTool, args);
        assertEquals(0, result.exitCode(), (ourTool ? "our" : "Python's") + " create: " + result.err());
        return bmap;
    }

    /** Copies {@code source} with {@code bmap} by our tool or Python's, and checks the copy is {@code expected}. */
    private void assertCopies(boolean ourTool, Path bmap, Path source, Path expected) throws Exception {
        String tool = ourTool ? "our" : "Python's";
        Path copy = dir.resolve(tool.replace("'", "") + "-copy-of-" + source.getFileName());
        Launcher.Result result = run(ourTool, List.of("copy", "--bmap", bmap.toString(), source.toString(),
                copy.toString()));
        assertEquals(0, result.exitCode(), tool + " copy with " + bmap.getFileName() + ": " + result.err());
        assertTrue(result.err().contains("using bmap file"), tool + " copy used no bmap: " + result.err());
        assertEquals(-1, Files.mismatch(expected, copy), tool + " copy of " + source.getFileName() + " with "
                + bmap.getFileName() + " is the image");
        Files.delete(copy);
    }

    private Launcher.Result run(boolean ourTool, List<String> args) throws Exception {
        return ourTool ? Launcher.run(dir, args.toArray(String[]::new)) : python(dir, args.toArray(String[]::new));
    }

    private static Launcher.Result python(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON_BMAPTOOL.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("python-bmaptool-out", ".txt");
        Path err = Files.createTempFile("python-bmaptool-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new Launcher.Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Bmap read(Path bmap) throws IOException {
        return BmapReader.read(BmapSource.of(bmap.toString(), Files.readAllBytes(bmap)));
    }

    private static String withoutCommentsAndFileChecksum(String bmap) {
        return bmap.replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("<BmapFileChecksum>[^<]*</BmapFileChecksum>", "<BmapFileChecksum/>");
    }
}
