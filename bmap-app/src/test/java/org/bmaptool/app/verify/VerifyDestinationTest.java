package org.bmaptool.app.verify;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.Run;
import org.bmaptool.app.TestImages;
import org.bmaptool.testkit.LoopDevice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmaptool verify} on real files and a real loop device. */
@Tag("linux") // runs on the real Linux adapters: not in the without-linux run
class VerifyDestinationTest {

    @TempDir
    Path dir;

    private static void overwrite(Path file, long position, String text) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), position);
        }
    }

    @Test
    void verifyAcceptsAFaithfulCopy() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Run run = bmaptool("verify", "--bmap", TestImages.upstreamBmap("v2.0").toString(), image.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("every checksum matches"), run.err());
    }

    @Test
    void verifyNamesTheRangeThatDiffers() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        overwrite(image, 119 * 4096 + 10, "changed"); // inside range 119-133
        Run run = bmaptool("verify", "--bmap", TestImages.upstreamBmap("v1.4").toString(), image.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("checksum mismatch for blocks range 119-133 of '" + image + "'"), run.err());
        assertTrue(run.err().contains("should be 483e868aa797d861b15623755e99e195b9bd2ae21cf65e13cbc3a31196ff1399"),
                run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("bmaptool: ERROR")).count());
    }

    @Test
    void verifyChecksTheLastPartialBlock() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        // 821,752 bytes end inside block 200, which no range maps: a byte past the
        // image's end must not count, a byte in the mapped 198-199 must.
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(821_752 + 4096);
        }
        assertEquals(0, bmaptool("verify", "--bmap", TestImages.upstreamBmap("v2.0").toString(),
                image.toString()).exitCode());
        overwrite(image, 199 * 4096 + 4095, "!");
        Run run = bmaptool("verify", "--bmap", TestImages.upstreamBmap("v2.0").toString(), image.toString());
        assertTrue(run.err().contains("range 198-199"), run.err());
    }

    @Test
    void verifyRefusesABmapWithoutChecksums() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Run run = bmaptool("verify", "--bmap", TestImages.upstreamBmap("v1.2").toString(), image.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("has no checksums (format 1.2)"), run.err());
    }

    @Test
    void verifyNamesAMediumShorterThanTheBmap() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(100 * 4096);
        }
        Run run = bmaptool("verify", "--bmap", TestImages.upstreamBmap("v2.0").toString(), image.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("ends at byte 409600"), run.err());
    }

    @Test
    void verifyReadsTheMediumNotThePageCache() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        try (LoopDevice loop = LoopDevice.create(dir, 1 << 20, (byte) 0)) {
            // Flash through the device, so its page cache holds the image...
            Files.write(loop.device(), Files.readAllBytes(image), StandardOpenOption.WRITE);
            Run good = bmaptool("verify", "--bmap", TestImages.upstreamBmap("v2.0").toString(),
                    loop.device().toString());
            assertEquals(0, good.exitCode(), good.err());
            // ...then change a mapped block behind the device's back, in its backing file.
            Files.readAllBytes(loop.device()); // the stale block is in the device's cache now
            overwrite(loop.backing(), 3 * 4096, "tampered");
            Run bad = bmaptool("verify", "--bmap", TestImages.upstreamBmap("v2.0").toString(),
                    loop.device().toString());
            assertEquals(1, bad.exitCode(), bad.err());
            assertTrue(bad.err().contains("checksum mismatch for blocks range 3-5"), bad.err());
        }
    }
}
