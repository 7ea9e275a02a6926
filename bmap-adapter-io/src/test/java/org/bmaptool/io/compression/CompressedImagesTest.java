package org.bmaptool.io.compression;

import static org.bmaptool.io.compression.Fixtures.assumeTools;
import static org.bmaptool.io.compression.Fixtures.readAll;
import static org.bmaptool.io.compression.Fixtures.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images packed by the real Debian tools, decoded on the fly and compared with the original. */
class CompressedImagesTest {

    @TempDir
    Path dir;

    private byte[] image;

    @BeforeEach
    void makeImage() throws IOException {
        image = Fixtures.image(dir.resolve("disk.img"));
    }

    private ImageSource open(String name) throws IOException {
        return CompressedImages.openByName(dir.resolve(name).toString(), Files.newInputStream(dir.resolve(name)))
                .orElseThrow(() -> new AssertionError(name + " is not taken as compressed"));
    }

    private void assertDecodesToImage(String name) throws IOException {
        try (ImageSource source = open(name)) {
            byte[] decoded = readAll(source);
            assertEquals(image.length, decoded.length, name + ": decoded length");
            assertArrayEquals(image, decoded, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "gzip :: disk.img.gz :: gzip -c disk.img > disk.img.gz",
        "gzip :: disk.img.gzip :: gzip -1 -n -c disk.img > disk.img.gzip",
        "pigz :: disk.img.gz :: pigz -p 2 -b 128 -c disk.img > disk.img.gz",
        "gzip :: disk.img.gz :: head -c 1000000 disk.img | gzip -c > disk.img.gz; tail -c +1000001 disk.img | gzip -c >> disk.img.gz",
        "pigz :: disk.img.gz :: pigz --independent -c disk.img > disk.img.gz; printf '\\0\\0\\0\\0' >> disk.img.gz",
        "bzip2 :: disk.img.bz2 :: bzip2 -1 -c disk.img > disk.img.bz2",
        "pbzip2 :: disk.img.bz2 :: pbzip2 -p2 -b1 -c disk.img > disk.img.bz2",
        "xz :: disk.img.xz :: xz -1 -c disk.img > disk.img.xz",
        "xz :: disk.img.xz :: xz -1 -T2 --block-size=300KiB -c disk.img > disk.img.xz",
        "xz :: disk.img.xz :: head -c 1000000 disk.img | xz -1 --check=sha256 -c > disk.img.xz; tail -c +1000001 disk.img | xz -1 -c >> disk.img.xz",
        "zstd :: disk.img.zst :: zstd -q -c disk.img > disk.img.zst",
        "zstd :: disk.img.zst :: head -c 2000000 disk.img | zstd -q -c > disk.img.zst; tail -c +2000001 disk.img | zstd -q -9 -c >> disk.img.zst",
        "zstd :: disk.img.zst :: zstd -q -T2 -B256KiB --no-check -c disk.img > disk.img.zst",
        "lz4 :: disk.img.lz4 :: lz4 -q -c disk.img > disk.img.lz4",
        "lz4 :: disk.img.lz4 :: head -c 999999 disk.img | lz4 -q -BD -c > disk.img.lz4; tail -c +1000000 disk.img | lz4 -q -9 --content-size -c >> disk.img.lz4",
        "lzop :: disk.img.lzo :: lzop -c disk.img > disk.img.lzo",
        "lzop :: disk.img.lzo :: lzop -7 --crc32 -c < disk.img > disk.img.lzo",
        "lzop :: disk.img.lzo :: lzop -1 -c disk.img > disk.img.lzo; touch empty && lzop -c empty >> disk.img.lzo",
    })
    void decodesWhatTheToolWrote(String tool, String name, String script) throws Exception {
        assumeTools(tool, "bash");
        sh(dir, script);
        assertDecodesToImage(name);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "gzip :: disk.tar.gz :: tar --format=gnu -czf disk.tar.gz disk.img",
        "gzip :: disk.tgz :: mkdir d && tar --format=posix -czf disk.tgz d disk.img",
        "bzip2 :: disk.tar.bz2 :: BZIP2=-1 tar --format=gnu -cjf disk.tar.bz2 disk.img",
        "bzip2 :: disk.tbz2 :: BZIP2=-1 tar -cjf disk.tbz2 disk.img",
        "bzip2 :: disk.tbz :: BZIP2=-1 tar -cjf disk.tbz disk.img",
        "bzip2 :: disk.tb2 :: BZIP2=-1 tar -cjf disk.tb2 disk.img",
        "xz :: disk.tar.xz :: XZ_OPT=-1 tar -cJf disk.tar.xz disk.img",
        "xz :: disk.txz :: XZ_OPT=-1 tar -cJf disk.txz disk.img",
        "lzop :: disk.tar.lzo :: tar --lzop -cf disk.tar.lzo disk.img",
        "lzop :: disk.tzo :: tar --lzop -cf disk.tzo disk.img",
        "lz4 :: disk.tar.lz4 :: tar -Ilz4 -cf disk.tar.lz4 disk.img",
        "lz4 :: disk.tlz4 :: tar -Ilz4 -cf disk.tlz4 disk.img",
        "zstd :: disk.tar.zst :: tar --zstd -cf disk.tar.zst disk.img",
        "zstd :: disk.tzst :: tar --zstd -cf disk.tzst disk.img",
        "gzip :: sparse.tar.gz :: tar --format=gnu -S -czf sparse.tar.gz disk.img",
        "gzip :: pax0.tar.gz :: tar --format=posix --sparse-version=0.0 -S -czf pax0.tar.gz disk.img",
        "gzip :: pax01.tar.gz :: tar --format=posix --sparse-version=0.1 -S -czf pax01.tar.gz disk.img",
        "gzip :: pax1.tar.gz :: tar --format=posix --sparse-version=1.0 -S -czf pax1.tar.gz disk.img",
    })
    void takesTheFirstFileOfATarArchive(String tool, String name, String script) throws Exception {
        assumeTools(tool, "tar", "bash");
        sh(dir, script);
        assertDecodesToImage(name);
        try (ImageSource source = open(name)) {
            assertEquals(OptionalLong.of(image.length), source.size(), "the tar header says the size");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
        "deflated :: zip -q disk.zip disk.img",
        "stored :: zip -q -0 disk.zip disk.img",
        "ZIP64 :: zip -q -fz disk.zip disk.img",
        "from a pipe :: zip -q - - < disk.img > disk.zip",
        "stored, a pipe :: zip -q -0 - - < disk.img > disk.zip",
        "after a folder :: mkdir d && zip -q disk.zip d && zip -q disk.zip disk.img",
    })
    void takesTheFirstFileOfAZipArchive(String how, String script) throws Exception {
        assumeTools("zip", "bash");
        sh(dir, script);
        assertDecodesToImage("disk.zip");
    }
}
