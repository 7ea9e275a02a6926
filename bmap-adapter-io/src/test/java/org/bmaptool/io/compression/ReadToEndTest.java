package org.bmaptool.io.compression;

import static org.bmaptool.io.compression.Fixtures.assumeTools;
import static org.bmaptool.io.compression.Fixtures.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.OptionalLong;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A compressed image whose damage lies after the last bytes a copy reads (its trailer,
 * its end, bytes after it): reading it to its end finds the damage, with the file's
 * name and the compressed byte, and finds a good image's real size. The image is 16 MiB
 * with data in its first MiB only, so the damage is far beyond what the decoder has
 * decoded ahead when the copy stops reading.
 */
class ReadToEndTest {
    private static final int MIB = 1 << 20;
    private static final int IMAGE_SIZE = 16 * MIB;

    @TempDir
    Path dir;

    private byte[] head;

    private void makeImage() throws IOException {
        head = new byte[MIB];
        byte[] words = "the mapped blocks come first, then the holes \n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < head.length; i++) {
            head[i] = words[i % words.length];
        }
        try (FileChannel channel = FileChannel.open(dir.resolve("disk.img"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(head));
            channel.truncate(IMAGE_SIZE);
            channel.write(ByteBuffer.allocate(1), IMAGE_SIZE - 1);
        }
    }

    private enum Damage { NONE, LAST_BYTE_FLIPPED, TRUNCATED, GARBAGE_APPENDED }

    private static void damage(Path file, Damage damage) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        switch (damage) {
            case LAST_BYTE_FLIPPED:
                // The top bit of the last byte is always inside the format's trailer: gzip's
                // length, xz's footer magic, zstd's and lz4's content checksum, bzip2's
                // stream CRC (only padding bits follow it), lzop's end mark.
                bytes[bytes.length - 1] ^= (byte) 0x80;
                break;
            case TRUNCATED:
                bytes = Arrays.copyOf(bytes, bytes.length - 4);
                break;
            case GARBAGE_APPENDED:
                bytes = Arrays.copyOf(bytes, bytes.length + 8);
                System.arraycopy("garbage!".getBytes(StandardCharsets.US_ASCII), 0, bytes, bytes.length - 8, 8);
                break;
            default:
                break;
        }
        Files.write(file, bytes);
    }

    /** Opens {@code name}, reads the first MiB as a copy of the mapped blocks would, then reads to the end. */
    private OptionalLong readHeadThenToEnd(String name) throws IOException {
        Path file = dir.resolve(name);
        try (ImageSource source = CompressedImages.openByName(file.toString(), Files.newInputStream(file))
                .orElseThrow()) {
            ByteBuffer buffer = ByteBuffer.allocate(MIB);
            while (buffer.hasRemaining() && source.read(buffer, buffer.position()) >= 0) {
                // until the first MiB is in
            }
            assertArrayEquals(head, buffer.array(), "the mapped bytes decode before the damage");
            return source.readToEnd(IMAGE_SIZE);
        }
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource(delimiterString = " :: ", value = {
        "gzip :: disk.img.gz :: gzip -c disk.img > disk.img.gz",
        "pigz :: disk.img.gz :: pigz -c disk.img > disk.img.gz",
        "bzip2 :: disk.img.bz2 :: bzip2 -c disk.img > disk.img.bz2",
        "pbzip2 :: disk.img.bz2 :: pbzip2 -c disk.img > disk.img.bz2",
        "xz :: disk.img.xz :: xz -c disk.img > disk.img.xz",
        "xz :: disk.img.xz :: xz -T2 --block-size=4MiB -c disk.img > disk.img.xz",
        "zstd :: disk.img.zst :: zstd -q -c disk.img > disk.img.zst",
        "lz4 :: disk.img.lz4 :: lz4 -q -c disk.img > disk.img.lz4",
        "lzop :: disk.img.lzo :: lzop -c disk.img > disk.img.lzo",
        "tar :: disk.tar.gz :: tar -czf disk.tar.gz disk.img",
    })
    void damageAfterTheLastReadByteIsFoundByReadingToTheEnd(String tool, String name, String script)
            throws Exception {
        assumeTools(tool, "gzip");
        makeImage();
        sh(dir, script);
        byte[] good = Files.readAllBytes(dir.resolve(name));

        assertEquals(OptionalLong.of(IMAGE_SIZE), readHeadThenToEnd(name), "a good image reads to its real size");

        for (Damage damage : new Damage[] {Damage.LAST_BYTE_FLIPPED, Damage.TRUNCATED, Damage.GARBAGE_APPENDED}) {
            Files.write(dir.resolve(name), good);
            damage(dir.resolve(name), damage);

            PortException e = assertThrows(PortException.class, () -> readHeadThenToEnd(name), damage.toString());

            String message = e.getMessage();
            assertTrue(message.startsWith("'" + dir.resolve(name) + "' is "), damage + ": " + message);
            assertTrue(message.matches(".* (is corrupt|is truncated): .* compressed byte \\d+ .*"),
                    damage + ": " + message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"disk.img.gz, 8", "disk.img.gz, 4"})
    void gzipTrailerWithAWrongCrcOrLengthIsCorrupt(String name, int fromEnd) throws Exception {
        assumeTools("gzip");
        makeImage();
        sh(dir, "gzip -c disk.img > disk.img.gz");
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        bytes[bytes.length - fromEnd] ^= 1;
        Files.write(dir.resolve(name), bytes);

        PortException e = assertThrows(PortException.class, () -> readHeadThenToEnd(name));

        assertTrue(e.getMessage().contains("is corrupt: the gzip stream does not decode near compressed byte "
                + bytes.length), e.getMessage());
        assertTrue(e.getMessage().contains(fromEnd == 8 ? "CRC-32 mismatch" : "length mismatch"), e.getMessage());
    }
}
