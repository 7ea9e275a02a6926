package org.bmaptool.io.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local images by path: raw ones read in place, compressed ones decoded by their name. */
class LocationSourcesTest {

    @TempDir
    Path dir;

    private static byte[] read(ImageSource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long position = 0;
        int n;
        while ((n = source.read(buffer.clear(), position)) >= 0) {
            out.write(buffer.array(), 0, n);
            position += n;
        }
        return out.toByteArray();
    }

    @Test
    void gzipNamedFileIsDecodedAndItsSizeUnknown() throws IOException {
        byte[] image = "a small image\n".repeat(10_000).getBytes();
        Path file = dir.resolve("disk.img.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(image);
        }
        try (ImageSource source = new LocationSources().open(Location.parse(file.toString()))) {
            assertEquals(OptionalLong.empty(), source.size());
            assertArrayEquals(image, read(source));
        }
    }

    @Test
    void rawFileIsReadAsItIs() throws IOException {
        byte[] image = "raw bytes".getBytes();
        Path file = dir.resolve("disk.img");
        Files.write(file, image);
        try (ImageSource source = new LocationSources().open(Location.parse(file.toString()))) {
            assertEquals(OptionalLong.of(image.length), source.size());
            assertArrayEquals(image, read(source));
        }
    }
}
