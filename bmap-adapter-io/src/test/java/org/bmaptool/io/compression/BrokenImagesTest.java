package org.bmaptool.io.compression;

import static org.bmaptool.io.compression.Fixtures.assumeTools;
import static org.bmaptool.io.compression.Fixtures.readAll;
import static org.bmaptool.io.compression.Fixtures.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mislabelled, corrupt and truncated images: a one-line error naming the file, never a short image. */
class BrokenImagesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void makeImage() throws IOException {
        Fixtures.image(dir.resolve("disk.img"));
    }

    /** Opens and reads all of {@code name}; the failure it must end in. */
    private PortException readFails(String name) {
        Path file = dir.resolve(name);
        return assertThrows(PortException.class, () -> {
            try (ImageSource source = CompressedImages.openByName(file.toString(), Files.newInputStream(file))
                    .orElseThrow()) {
                readAll(source);
            }
        }, name);
    }

    private void corrupt(String name) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        Files.write(file, bytes);
    }

    private void truncate(String name) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 3 / 5));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "gzip :: disk.img.gz :: gzip -c disk.img > disk.img.gz",
        "pbzip2 :: disk.img.bz2 :: pbzip2 -1 -b1 -c disk.img > disk.img.bz2",
        "xz :: disk.img.xz :: xz -1 -c disk.img > disk.img.xz",
        "zstd :: disk.img.zst :: zstd -q -c disk.img > disk.img.zst",
        "lz4 :: disk.img.lz4 :: lz4 -q -c disk.img > disk.img.lz4",
        "lzop :: disk.img.lzo :: lzop -c disk.img > disk.img.lzo",
        "gzip :: disk.tar.gz :: tar -czf disk.tar.gz disk.img",
        "zip :: disk.zip :: zip -q disk.zip disk.img",
        "zip :: stored.zip :: zip -q -0 stored.zip disk.img",
    })
    void corruptStreamFailsNamingTheFileAndOffset(String tool, String name, String script) throws Exception {
        assumeTools(tool, "bash");
        sh(dir, script);
        corrupt(name);
        PortException e = readFails(name);
        assertTrue(e.getMessage().startsWith("'" + dir.resolve(name) + "' is corrupt: ")
                || e.getMessage().startsWith("'" + dir.resolve(name) + "' is truncated: "), e.getMessage());
        assertTrue(e.getMessage().contains(" compressed byte "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "gzip :: disk.img.gz :: gzip -c disk.img > disk.img.gz",
        "bzip2 :: disk.img.bz2 :: bzip2 -1 -c disk.img > disk.img.bz2",
        "xz :: disk.img.xz :: xz -1 -c disk.img > disk.img.xz",
        "zstd :: disk.img.zst :: zstd -q -c disk.img > disk.img.zst",
        "lz4 :: disk.img.lz4 :: lz4 -q -c disk.img > disk.img.lz4",
        "lzop :: disk.img.lzo :: lzop -c disk.img > disk.img.lzo",
        "gzip :: disk.tar.gz :: tar -czf disk.tar.gz disk.img",
        "zstd :: disk.tar.zst :: tar --zstd -cf disk.tar.zst disk.img",
        "zip :: disk.zip :: zip -q disk.zip disk.img",
    })
    void truncatedStreamFailsNamingTheFileAndOffset(String tool, String name, String script) throws Exception {
        assumeTools(tool, "bash");
        sh(dir, script);
        truncate(name);
        PortException e = readFails(name);
        long cut = Files.size(dir.resolve(name));
        assertTrue(e.getMessage().startsWith("'" + dir.resolve(name) + "' is truncated: "), e.getMessage());
        assertTrue(e.getMessage().contains(" ends at compressed byte " + cut + " "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "disk.img.xz :: gzip -c disk.img > disk.img.xz :: is not an xz stream",
        "disk.img.gz :: cp disk.img disk.img.gz :: is not a gzip stream",
        "disk.img.bz2 :: xz -1 -c disk.img > disk.img.bz2 :: is not a bzip2 stream",
        "disk.img.zst :: lz4 -q -c disk.img > disk.img.zst :: is not a zstd stream",
        "disk.img.lz4 :: zstd -q -c disk.img > disk.img.lz4 :: is not an lz4 stream",
        "disk.img.lzo :: gzip -c disk.img > disk.img.lzo :: is not an lzop stream",
        "disk.zip :: gzip -c disk.img > disk.zip :: is not a zip archive",
        "disk.tar.gz :: gzip -c disk.img > disk.tar.gz :: is not a tar archive",
        "empty.gz :: touch empty.gz :: is not a gzip stream: the file is empty",
        "index.html.gz :: echo '<html>404 Not Found</html>' > index.html.gz :: is not a gzip stream",
    })
    void mislabelledFileFailsAtOnce(String name, String script, String expected) throws Exception {
        assumeTools("gzip", "xz", "lz4", "zstd", "bash");
        sh(dir, script);
        Path file = dir.resolve(name);
        PortException e = assertThrows(PortException.class,
                () -> CompressedImages.openByName(file.toString(), Files.newInputStream(file)));
        assertTrue(e.getMessage().startsWith("'" + file + "' " + expected), e.getMessage());
    }

    @Test
    void archiveWithoutFilesSaysSo() throws Exception {
        assumeTools("tar", "gzip", "bash");
        sh(dir, "mkdir d && tar -czf empty.tar.gz d");
        Path file = dir.resolve("empty.tar.gz");
        PortException e = assertThrows(PortException.class,
                () -> CompressedImages.openByName(file.toString(), Files.newInputStream(file)));
        assertEquals("'" + file + "': the tar archive holds no regular file", e.getMessage());
    }

    @Test
    void zipWithoutEntriesSaysSo() throws Exception {
        // The 22-byte end-of-central-directory record alone: what "zip" leaves of an emptied archive.
        Path file = dir.resolve("empty.zip");
        byte[] empty = new byte[22];
        empty[0] = 'P';
        empty[1] = 'K';
        empty[2] = 5;
        empty[3] = 6;
        Files.write(file, empty);
        PortException e = assertThrows(PortException.class,
                () -> CompressedImages.openByName(file.toString(), Files.newInputStream(file)));
        assertEquals("'" + file + "' is a zip archive with no entries", e.getMessage());
    }
}
