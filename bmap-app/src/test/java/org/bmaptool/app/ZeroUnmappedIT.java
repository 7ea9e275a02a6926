package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.Processes;
import org.bmaptool.testkit.SparseFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy --zero-unmapped} and {@code create --nomap} through the linked launcher on
 * real loop devices and files pre-filled with a pattern: afterwards the destination
 * equals the image over its whole size ({@code cmp}), the zeroing of a device is the
 * kernel's (strace shows BLKZEROOUT and no user-space writes of the unmapped bytes), and
 * a region listed by {@code --nomap} is written as zeros where a plain bmap leaves the
 * old data. Tests needing root, loop devices or strace skip and say why.
 */
class ZeroUnmappedIT {
    private static final long MIB = 1 << 20;
    /** 24 MiB and 700 bytes: the end is inside a sector, so the last partial block is zeroed in part. */
    private static final long IMAGE_SIZE = 24 * MIB + 700;
    private static final byte PATTERN = (byte) 0xA5;

    @TempDir
    Path dir;

    /** Data at 0 (64 KiB), 5 MiB (1 MiB) and 20 MiB (300 KiB); holes elsewhere; the bmap beside it. */
    private Path image() throws Exception {
        Path image = SparseFiles.write(dir.resolve("disk.img"), IMAGE_SIZE, 0, 64 << 10, 5 * MIB, MIB,
                20 * MIB, 300 << 10);
        Launcher.Result created = Launcher.run(dir, "create", "-o", dir.resolve("disk.img.bmap").toString(),
                image.toString());
        assertEquals(0, created.exitCode(), created.err());
        return image;
    }

    /** Whether {@code a} and {@code b} hold the same first {@code bytes}, as {@code cmp -n} tells. */
    private static boolean sameBytes(Path a, Path b, long bytes) throws Exception {
        Process cmp = new ProcessBuilder("cmp", "-n", Long.toString(bytes), a.toString(), b.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return cmp.waitFor() == 0;
    }

    @Test
    void aLoopDeviceFilledWithAPatternEqualsTheImageAndTheKernelDidTheZeroing() throws Exception {
        Processes.assumeTool("strace");
        Path image = image();
        try (LoopDevice loop = LoopDevice.create(dir, 32 * MIB, PATTERN)) {
            Path trace = dir.resolve("strace.txt");
            Launcher.Result copy = Launcher.runThrough(List.of("strace", "-f", "-qq", "-y", "-e", "trace=ioctl,pwrite64",
                    "-o", trace.toString()), dir, "copy", "--zero-unmapped", image.toString(), loop.device().toString());
            assertEquals(0, copy.exitCode(), copy.err());
            assertTrue(sameBytes(image, loop.device(), IMAGE_SIZE), "the device equals the image over its whole size");

            String calls = Files.readString(trace);
            assertTrue(calls.contains("BLKZEROOUT"), "the kernel was asked to zero: " + calls.lines()
                    .filter(line -> line.contains("ioctl")).toList());
            // strace -y names each descriptor's file: only the writes to the device count.
            long pwritten = 0;
            Matcher pwrite = Pattern.compile("pwrite64\\(\\d+<" + Pattern.quote(loop.device().toString())
                    + ">, .*, (\\d+), (\\d+)\\) = (\\d+)").matcher(calls);
            while (pwrite.find()) {
                pwritten += Long.parseLong(pwrite.group(3));
            }
            assertTrue(pwritten > 0, "the writes to the device were traced: " + calls.lines().limit(20).toList());
            Matcher count = Pattern.compile("<MappedBlocksCount> *(\\d+)").matcher(
                    Files.readString(dir.resolve("disk.img.bmap")));
            assertTrue(count.find());
            long mapped = Long.parseLong(count.group(1)) * 4096;
            // The image ends 188 bytes into a sector: that part of a sector is zeroed by a write.
            assertEquals(mapped + IMAGE_SIZE % 512, pwritten, "user space wrote only the mapped blocks and the"
                    + " image's part of its last sector: " + pwritten + " bytes of the image's " + IMAGE_SIZE);
            assertTrue(copy.err().contains("zeroed 3 unmapped ranges"), copy.err());
        }
    }

    @Test
    void withoutTheOptionTheOldPatternSurvivesInTheUnmappedRanges() throws Exception {
        Path image = image();
        try (LoopDevice loop = LoopDevice.create(dir, 32 * MIB, PATTERN)) {
            Launcher.Result copy = Launcher.run(dir, "copy", image.toString(), loop.device().toString());
            assertEquals(0, copy.exitCode(), copy.err());
            assertEquals(PATTERN, readAt(loop.device(), 10 * MIB)[0], "upstream's copy leaves the old data");
        }
    }

    @Test
    void aFileFilledWithAPatternEqualsTheImageAndEndsAtItsSize() throws Exception {
        Path image = image();
        Path copy = dir.resolve("copy.img");
        try (RandomAccessFile old = new RandomAccessFile(copy.toFile(), "rw")) {
            byte[] block = new byte[(int) MIB];
            Arrays.fill(block, PATTERN);
            for (int i = 0; i < 40; i++) {
                old.write(block);
            }
        }
        Launcher.Result run = Launcher.run(dir, "copy", "--zero-unmapped", "--read-back", image.toString(),
                copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(sameBytes(image, copy, IMAGE_SIZE), "the file equals the image");
        assertEquals(IMAGE_SIZE, Files.size(copy));
        assertTrue(run.err().contains("sampled of the zeroed ranges are zeros"), run.err());
    }

    @Test
    void nomapListsAZeroedButUnallocatedRegionAndTheCopyZeroesItWhereAPlainBmapLeavesThePattern() throws Exception {
        Path image = image();
        Path nomapBmap = dir.resolve("nomap.bmap");
        // 8 MiB to 9 MiB is a hole of the image: zeros, but unallocated.
        Launcher.Result created = Launcher.run(dir, "create", "--nomap", "8M:9M", "-o", nomapBmap.toString(),
                image.toString());
        assertEquals(0, created.exitCode(), created.err());
        String bmap = Files.readString(nomapBmap);
        assertTrue(bmap.contains("> 2048-2303 </Range>"), bmap);
        try (LoopDevice loop = LoopDevice.create(dir, 32 * MIB, PATTERN)) {
            Launcher.Result plain = Launcher.run(dir, "copy", image.toString(), loop.device().toString());
            assertEquals(0, plain.exitCode(), plain.err());
            assertEquals(PATTERN, readAt(loop.device(), 8 * MIB + 4096)[0], "a plain bmap skips the region");

            Launcher.Result copy = Launcher.run(dir, "copy", "--bmap", nomapBmap.toString(), image.toString(),
                    loop.device().toString());
            assertEquals(0, copy.exitCode(), copy.err());
            byte[] region = readAt(loop.device(), 8 * MIB, (int) MIB);
            assertTrue(Arrays.equals(new byte[(int) MIB], region), "the region was written as zeros");
            assertEquals(PATTERN, readAt(loop.device(), 9 * MIB)[0], "past the region the pattern stays");
        }
    }

    @Test
    void nomapPastTheImagesEndOrMalformedIsRefusedInOneLine() throws Exception {
        Path image = image();
        Launcher.Result past = Launcher.run(dir, "create", "--nomap", "24M:25M", image.toString());
        assertEquals(1, past.exitCode(), past.err());
        assertEquals("bmaptool: ERROR: --nomap region 25165824:26214400 ends past the end of image file '" + image
                + "', which has " + IMAGE_SIZE + " bytes (24.0 MiB)\n", past.err());
        assertEquals("", past.out());
        Launcher.Result bad = Launcher.run(dir, "create", "--nomap", "9M:8M", image.toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("bmaptool: error: Invalid value for option '--nomap' (START:END): '9M:8M' is not a region:"
                + " its end (8388608) is not after its start (9437184)"), bad.err());
    }

    private static byte[] readAt(Path device, long position) throws Exception {
        return readAt(device, position, 1);
    }

    private static byte[] readAt(Path device, long position, int length) throws Exception {
        // O_DIRECT is not needed: the copy's sync and close leave the page cache coherent with the device.
        try (RandomAccessFile file = new RandomAccessFile(device.toFile(), "r")) {
            byte[] bytes = new byte[length];
            file.seek(position);
            file.readFully(bytes);
            return bytes;
        }
    }
}
