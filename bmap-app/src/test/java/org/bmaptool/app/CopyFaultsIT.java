package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real faults during a copy through the linked launcher: a full file system, a block
 * device that fails its writes, images that end early or are corrupt. Each run must end
 * with one error line naming the cause, exit code 1, no success message and no stack
 * trace, write nothing but its destination and leave a device's sysfs tuning as it was.
 * The tmpfs and loop device cases need root; they skip with the reason otherwise.
 */
class CopyFaultsIT {

    @TempDir
    Path dir;

    @Test
    void copyOntoAFullFileSystemFailsNamingNoSpaceLeft() throws Exception {
        Path image = TestImages.textImage(dir);
        try (Tmpfs small = Tmpfs.mount(dir.resolve("small"), 256 << 10)) {
            Path copy = small.path().resolve("copy.img");
            TreeSnapshot before = TreeSnapshot.of(dir);

            Launcher.Result result = Launcher.run(dir, "copy", image.toString(), copy.toString());

            assertCleanFailure(result, 1, "error while writing blocks", "of '" + copy + "'", "No space left on device");
            before.assertUnchangedExcept(copy);
        }
    }

    @Test
    void copyOntoADeviceWhoseWritesFailNamesTheIoErrorAndRestoresSysfs() throws Exception {
        Path image = TestImages.textImage(dir);
        // The loop device's backing file lives on a tmpfs far smaller than the device:
        // once the tmpfs is full the loop driver fails the writes with EIO.
        try (Tmpfs small = Tmpfs.mount(dir.resolve("small"), 256 << 10)) {
            Path backing = small.path().resolve("backing.img");
            try (RandomAccessFile file = new RandomAccessFile(backing.toFile(), "rw")) {
                file.setLength(TestImages.TEXT_IMAGE_SIZE);
            }
            try (LoopDevice loop = LoopDevice.attach(backing)) {
                loop.selectScheduler("mq-deadline");
                LoopDevice.Tuning tuning = loop.tuning();
                TreeSnapshot before = TreeSnapshot.of(dir);

                Launcher.Result result = Launcher.run(dir, "copy", image.toString(), loop.device().toString());

                String message = assertCleanFailure(result, 1, "'" + loop.device() + "': Input/output error");
                // Written through the page cache, the error comes with a write or with a sync.
                assertTrue(message.startsWith("error while writing blocks ")
                        || message.startsWith("cannot synchronize "), message);
                assertEquals(tuning, loop.tuning(), "sysfs settings restored");
                before.assertUnchangedExcept(backing);
            }
        }
    }

    @Test
    void imageShorterThanItsBmapIsRefusedBeforeTheDestinationIsCreated() throws Exception {
        Path image = TestImages.textImage(dir);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(2_000_000);
        }
        TreeSnapshot before = TreeSnapshot.of(dir);

        Launcher.Result result = Launcher.run(dir, "copy", "disk.img", "copy.img");

        assertCleanFailure(result, 1, "image file 'disk.img' has 2000000 bytes",
                "bmap file 'disk.img.bmap' describes an image of " + TestImages.TEXT_IMAGE_SIZE + " bytes");
        before.assertUnchangedExcept();
    }

    @Test
    void imageEndingEarlyOnStandardInputFailsNamingTheBlocksItLacks() throws Exception {
        Path image = TestImages.textImage(dir);
        Path truncated = dir.resolve("truncated.img");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(image), 2_000_000));
        TreeSnapshot before = TreeSnapshot.of(dir);

        Launcher.Result result = Launcher.runWithInput(dir, truncated, "copy", "--bmap", "disk.img.bmap", "-",
                "copy.img");

        // Upstream's words: the blocks a short image lacks are all a copy can tell.
        assertCleanFailure(result, 1, "wrote 256 blocks from image 'standard input' to 'copy.img', but should have "
                + "384 - bmap file 'disk.img.bmap' does not belong to this image");
        before.assertUnchangedExcept(dir.resolve("copy.img"));
    }

    @Test
    void truncatedGzipFailsNamingTheFileAndTheByteItEndsAt() throws Exception {
        Path image = TestImages.textImage(dir);
        byte[] gz = Files.readAllBytes(TestImages.gzip(image, dir.resolve("whole.img.gz")));
        int cut = gz.length / 2;
        Files.write(dir.resolve("disk.img.gz"), java.util.Arrays.copyOf(gz, cut));
        TreeSnapshot before = TreeSnapshot.of(dir);

        Launcher.Result result = Launcher.run(dir, "copy", "disk.img.gz", "copy.img");

        assertCleanFailure(result, 1, "'disk.img.gz' is truncated", "ends at compressed byte " + cut);
        before.assertUnchangedExcept(dir.resolve("copy.img"));
    }

    /**
     * A bit flipped at a seeded random offset of the compressed stream: the bmap's
     * checksums catch it (naming the file and the blocks), and without a bmap the gzip
     * trailer does (naming the file and the compressed byte).
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void gzipCorruptedAtARandomOffsetFailsNamingTheFileAndWhere(long seed) throws Exception {
        Path image = TestImages.textImage(dir, "disk.img", seed);
        byte[] gz = Files.readAllBytes(TestImages.gzip(image, dir.resolve("whole.img.gz")));
        Random random = new Random(seed);
        // Past the 10-byte header and before the 8-byte trailer.
        int offset = 10 + random.nextInt(gz.length - 18);
        gz[offset] ^= (byte) (1 << random.nextInt(8));
        Files.write(dir.resolve("disk.img.gz"), gz);
        TreeSnapshot before = TreeSnapshot.of(dir);

        Launcher.Result verified = Launcher.run(dir, "copy", "disk.img.gz", "copy.img");
        String message = assertCleanFailure(verified, 1, "disk.img.gz");
        assertTrue(message.matches(".*(checksum mismatch for blocks range \\d+-\\d+|compressed byte \\d+).*"),
                "flipped byte " + offset + ": " + message);

        Launcher.Result unverified = Launcher.run(dir, "copy", "--nobmap", "disk.img.gz", "whole-copy.img");
        message = assertCleanFailure(unverified, 1, "'disk.img.gz' is corrupt");
        assertTrue(message.matches(".*compressed byte \\d+.*"), "flipped byte " + offset + ": " + message);
        before.assertUnchangedExcept(dir.resolve("copy.img"), dir.resolve("whole-copy.img"));
    }
}
