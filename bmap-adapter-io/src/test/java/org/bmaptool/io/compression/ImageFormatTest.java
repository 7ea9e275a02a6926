package org.bmaptool.io.compression;

import org.bmaptool.ports.location.Location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.bmaptool.io.compression.archive.ArchiveFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The extensions upstream bmaptool 3.9 decompresses, and the names it leaves raw. */
class ImageFormatTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "disk.img.gz, GZIP, false", "disk.img.gzip, GZIP, false", "disk.tgz, GZIP, true", "disk.tar.gz, GZIP, true",
        "disk.img.bz2, BZIP2, false", "disk.tbz2, BZIP2, true", "disk.tbz, BZIP2, true", "disk.tb2, BZIP2, true",
        "disk.tar.bz2, BZIP2, true",
        "disk.img.xz, XZ, false", "disk.txz, XZ, true", "disk.tar.xz, XZ, true",
        "disk.img.lzo, LZOP, false", "disk.tzo, LZOP, true", "disk.tar.lzo, LZOP, true",
        "disk.img.lz4, LZ4, false", "disk.tlz4, LZ4, true", "disk.tar.lz4, LZ4, true",
        "disk.img.zst, ZSTD, false", "disk.tzst, ZSTD, true", "disk.tar.zst, ZSTD, true",
        "/images/v1.0/disk.img.tar.gz, GZIP, true",
        "https://example.org/disk.img.xz?token=a.b#frag, XZ, false",
    })
    void nameSaysTheFormat(String name, Codec codec, boolean tar) {
        assertEquals(Optional.of(new ImageFormat(codec, tar)), ImageFormat.of(Location.parse(name)));
    }

    /** Zip is an archive that compresses its entries itself, not a stream compression. */
    @Test
    void zipNameSaysAZipArchive() {
        assertEquals(Optional.of(new ImageFormat(Optional.empty(), Optional.of(ArchiveFormat.ZIP))),
                ImageFormat.of(Location.parse("disk.zip")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"disk.img", "disk.img.GZ", "disk.gz.img", "disk.tar", "disk.7z", "disk.zstd",
        "disk.img.bmap", "https://example.org/get?file=disk.img.gz", "-"})
    void otherNamesAreRaw(String name) {
        assertEquals(Optional.empty(), ImageFormat.of(Location.parse(name)));
    }
}
