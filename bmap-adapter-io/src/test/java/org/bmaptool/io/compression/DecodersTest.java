package org.bmaptool.io.compression;

import static org.bmaptool.io.compression.Fixtures.assumeTools;
import static org.bmaptool.io.compression.Fixtures.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bmaptool.io.compression.nativelib.decoder.NativeLibraries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The system libraries' decoders and the Java ones read the same files the tools write
 * and fail alike on the same damage: every case runs against both.
 */
class DecodersTest {

    @TempDir
    Path dir;

    private byte[] image;

    @BeforeEach
    void makeImage() throws IOException {
        image = Fixtures.image(dir.resolve("disk.img"));
    }

    private byte[] file(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    private static byte[] decode(InputStream decoder) throws IOException {
        try (decoder) {
            return decoder.readAllBytes();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void systemLibrariesLoadWhereTheToolsAreInstalled() {
        assumeTools("xz", "bzip2");
        assertTrue(NativeLibraries.lzma().isPresent(), "liblzma, which xz runs on, loads");
        assertTrue(NativeLibraries.bz2().isPresent(), "libbz2, which bzip2 runs on, loads");
    }

    @ParameterizedTest
    @EnumSource(Decoders.class)
    void bzip2DecodesEveryStreamOfPbzip2AndBzip2Concatenated(Decoders decoders) throws Exception {
        assumeTools("pbzip2", "bzip2");
        sh(dir, "pbzip2 -c -b1 disk.img > p.bz2 && bzip2 -c disk.img > b.bz2 && cat p.bz2 b.bz2 > both.bz2");
        byte[] twice = Arrays.copyOf(image, 2 * image.length);
        System.arraycopy(image, 0, twice, image.length, image.length);

        assertArrayEquals(twice, decode(decoders.bzip2(new ByteArrayInputStream(file("both.bz2")))));
    }

    @ParameterizedTest
    @EnumSource(Decoders.class)
    void xzDecodesConcatenatedStreamsAndPaddingButXzStreamOnlyTheFirst(Decoders decoders) throws Exception {
        assumeTools("xz");
        sh(dir, "xz -T2 --block-size=1MiB -c disk.img > a.xz && xz -1 -c disk.img > b.xz"
                + " && cat a.xz > both.xz && head -c 8 /dev/zero >> both.xz && cat b.xz >> both.xz");
        byte[] twice = Arrays.copyOf(image, 2 * image.length);
        System.arraycopy(image, 0, twice, image.length, image.length);

        assertArrayEquals(twice, decode(decoders.xz(new ByteArrayInputStream(file("both.xz")))));
        assertArrayEquals(image, decode(decoders.xzStream(new ByteArrayInputStream(file("both.xz")))));
    }

    @ParameterizedTest
    @EnumSource(Decoders.class)
    void truncatedCorruptAndGarbageFollowedStreamsFail(Decoders decoders) throws Exception {
        assumeTools("xz", "bzip2");
        sh(dir, "xz -c disk.img > disk.img.xz && bzip2 -c disk.img > disk.img.bz2");
        for (String name : new String[] {"disk.img.xz", "disk.img.bz2"}) {
            byte[] good = file(name);
            byte[] truncated = Arrays.copyOf(good, good.length - 100);
            byte[] corrupt = good.clone();
            corrupt[good.length / 2] ^= 0x10;
            byte[] garbage = Arrays.copyOf(good, good.length + 8);
            System.arraycopy("garbage!".getBytes(), 0, garbage, good.length, 8);

            for (byte[] damaged : new byte[][] {truncated, corrupt, garbage}) {
                IOException e = assertThrows(IOException.class, () -> decode(name.endsWith(".xz")
                        ? decoders.xz(new ByteArrayInputStream(damaged))
                        : decoders.bzip2(new ByteArrayInputStream(damaged))), name);
                // XZ for Java's end of input is a bare EOFException, which the image's message words
                assertTrue(e instanceof java.io.EOFException || e.getMessage() != null && !e.getMessage().isEmpty(),
                        name + ": " + e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Decoders.class)
    void closingTheDecoderClosesItsInput(Decoders decoders) throws Exception {
        assumeTools("xz");
        sh(dir, "xz -c disk.img > disk.img.xz");
        boolean[] closed = {false};
        InputStream input = new ByteArrayInputStream(file("disk.img.xz")) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InputStream decoder = decoders.xz(input);
        assertEquals(image[0] & 0xff, decoder.read());
        decoder.close();
        assertTrue(closed[0]);
        assertThrows(IOException.class, decoder::read, "read after close");
    }

    @Test
    void theSystemDecoderTellsWhereACorruptStreamBreaksOff() throws Exception {
        assumeTools("bzip2");
        NativeLibraries.bz2().orElseThrow(() -> new org.opentest4j.TestAbortedException("no libbz2"));
        sh(dir, "bzip2 -c disk.img > disk.img.bz2");
        byte[] bytes = file("disk.img.bz2");
        bytes[bytes.length / 4] ^= 0x10;
        InputStream decoder = Decoders.SYSTEM.bzip2(new ByteArrayInputStream(bytes));
        assertThrows(IOException.class, () -> decode(decoder));
        long consumed = ((org.bmaptool.io.compression.nativelib.decoder.NativeDecodingInputStream) decoder).consumed();
        // bzip2 checks each 900 kB block's CRC at the block's end: the failure is there, not at the file's end
        assertTrue(consumed >= bytes.length / 4 && consumed < bytes.length, consumed + " of " + bytes.length);
    }
}
