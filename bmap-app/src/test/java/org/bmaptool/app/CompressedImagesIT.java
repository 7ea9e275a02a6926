package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bmaptool.testkit.ProjectLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The linked launcher copying compressed images: upstream's own test.image.gz, and the
 * same image packed by each Debian tool, decoded inside the image (zstd-jni's native
 * library included) and compared with what the tool itself decompresses.
 */
class CompressedImagesIT {

    @TempDir
    Path dir;

    private Path bmap;
    private byte[] image;

    @BeforeEach
    void unpackUpstreamImage() throws Exception {
        Path testdata = ProjectLayout.testdata();
        bmap = testdata.resolve("test.image.bmap.v2.0");
        Files.copy(testdata.resolve("test.image.gz"), dir.resolve("test.image.gz"));
        sh("gzip -dc test.image.gz > test.image");
        image = Files.readAllBytes(dir.resolve("test.image"));
    }

    private void sh(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), script);
        assertEquals(0, process.exitValue(), script + ": " + output);
    }

    private static void assumeTool(String tool) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool)),
                tool + " is not installed");
    }

    @Test
    void copiesUpstreamGzipImageWithItsBmap() throws Exception {
        Launcher.Result result = Launcher.run(dir, "copy", "--bmap", bmap.toString(),
                ProjectLayout.testdata().resolve("test.image.gz").toString(), "out.img");
        assertEquals(0, result.exitCode(), result.err());
        assertArrayEquals(image, Files.readAllBytes(dir.resolve("out.img")));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "pigz :: test.image.gz :: pigz -c test.image > test.image.gz",
        "pbzip2 :: test.image.bz2 :: pbzip2 -c test.image > test.image.bz2",
        "xz :: test.image.xz :: xz -T2 -c test.image > test.image.xz",
        // Many streams and many blocks: decoded several at once.
        "pbzip2 :: streams.image.bz2 :: pbzip2 -1 -b1 -c test.image > streams.image.bz2",
        "xz :: blocks.image.xz :: xz -T2 -1 --block-size=100KiB -c test.image > blocks.image.xz",
        "zstd :: test.image.zst :: zstd -q -c test.image > test.image.zst",
        "lz4 :: test.image.lz4 :: lz4 -q -c test.image > test.image.lz4",
        "lzop :: test.image.lzo :: lzop -c test.image > test.image.lzo",
        "tar :: test.tar.zst :: tar --zstd -cf test.tar.zst test.image",
        "tar :: test.tar.xz :: tar --format=posix -S -cJf test.tar.xz test.image",
        "zip :: test.zip :: zip -q test.zip test.image",
    })
    void copiesImagePackedByTheTool(String tool, String name, String script) throws Exception {
        assumeTool(tool);
        sh("rm -f test.image.gz && " + script);
        Launcher.Result result = Launcher.run(dir, "copy", "--bmap", bmap.toString(), name, "out.img");
        assertEquals(0, result.exitCode(), result.err());
        assertArrayEquals(image, Files.readAllBytes(dir.resolve("out.img")), name);
    }

    @Test
    void mislabelledImageIsOneLineErrorExitOne() throws Exception {
        Files.copy(dir.resolve("test.image.gz"), dir.resolve("test.image.xz"));
        Launcher.Result result = Launcher.run(dir, "copy", "--bmap", bmap.toString(), "test.image.xz", "out.img");
        assertEquals(1, result.exitCode(), result.err());
        List<String> lines = result.err().lines().collect(Collectors.toList());
        assertEquals("bmaptool: ERROR: 'test.image.xz' is not an xz stream", lines.get(lines.size() - 1), result.err());
        assertEquals(1, result.err().split("ERROR", -1).length - 1, result.err());
    }
}
