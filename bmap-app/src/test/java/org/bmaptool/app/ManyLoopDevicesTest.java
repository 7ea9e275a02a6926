package org.bmaptool.app;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.Processes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmaptool copy IMAGE DEST1 DEST2 DEST3} to real loop devices: each ends up with
 * the image's mapped blocks and nothing else changed; a device that fails (a loop
 * device over a file on a tmpfs too small for it: its writes end in EIO) is dropped
 * while the others are written and verified. Needs root and losetup; skipped otherwise.
 */
@Tag("linux") // runs on the real Linux adapters: not in the without-linux run
class ManyLoopDevicesTest {
    private static final int MIB = 1 << 20;
    private static final byte FILL = 0x55;
    /** The image's data, block-aligned: {offset, length} pairs; the last one a partial block. */
    private static final long[] DATA = {0, 8192, 3L * MIB, 2L * MIB, 9L * MIB + 4096, 4096, 16L * MIB, 1000};

    @TempDir
    Path dir;

    private Path image() throws Exception {
        Path image = dir.resolve("disk.img");
        Random random = new Random(9);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(16L * MIB + 1000);
            for (int i = 0; i < DATA.length; i += 2) {
                byte[] data = new byte[(int) DATA[i + 1]];
                random.nextBytes(data);
                file.seek(DATA[i]);
                file.write(data);
            }
        }
        Run created = bmaptool("create", "-o", dir.resolve("disk.img.bmap").toString(), image.toString());
        assertEquals(0, created.exitCode(), created.err());
        return image;
    }

    /** What a device of {@code size} bytes filled with FILL holds after the image was flashed to it. */
    private static byte[] expected(Path image, int size) throws Exception {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, FILL);
        byte[] source = Files.readAllBytes(image);
        for (int i = 0; i < DATA.length; i += 2) {
            System.arraycopy(source, (int) DATA[i], bytes, (int) DATA[i], (int) DATA[i + 1]);
        }
        return bytes;
    }

    private static byte[] contents(Path device, int size) throws Exception {
        byte[] bytes = new byte[size];
        try (RandomAccessFile file = new RandomAccessFile(device.toFile(), "r")) {
            file.readFully(bytes);
        }
        return bytes;
    }

    @Test
    void threeLoopDevicesFlashedAtOnceEachHoldTheMappedBlocks() throws Exception {
        LoopDevice.assumeAvailable();
        Path image = image();
        int size = 17 * MIB;
        List<LoopDevice> loops = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                loops.add(LoopDevice.create(dir, size, FILL));
            }
            List<String> args = new ArrayList<>(List.of("copy", "--read-back", image.toString()));
            loops.forEach(loop -> args.add(loop.device().toString()));
            Run run = bmaptool(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            byte[] expected = expected(image, size);
            for (LoopDevice loop : loops) {
                assertArrayEquals(expected, contents(loop.device(), size), loop.device().toString());
                assertTrue(run.err().contains("block device '" + loop.device() + "'"), run.err());
                assertTrue(run.err().contains("'" + loop.device() + "': written 2.0 MiB in "), run.err());
            }
        } finally {
            for (LoopDevice loop : loops) {
                loop.close();
            }
        }
    }

    @Test
    void aLoopDeviceThatRunsOutOfSpaceIsDroppedAndTheOthersAreCorrect() throws Exception {
        LoopDevice.assumeAvailable();
        Path image = image();
        int size = 17 * MIB;
        Path small = Files.createDirectory(dir.resolve("small"));
        Processes.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString());
        List<LoopDevice> loops = new ArrayList<>();
        try {
            loops.add(LoopDevice.create(dir, size, FILL));
            Path sparse = small.resolve("backing.img");
            try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
                file.setLength(size);
            }
            loops.add(LoopDevice.attach(sparse));
            loops.add(LoopDevice.create(dir, size, FILL));
            List<String> args = new ArrayList<>(List.of("copy", "--read-back", image.toString()));
            loops.forEach(loop -> args.add(loop.device().toString()));
            Run run = bmaptool(args.toArray(String[]::new));
            assertEquals(1, run.exitCode(), run.err());
            String failing = loops.get(1).device().toString();
            assertTrue(run.err().contains("bmaptool: ERROR: '" + failing + "' failed: "), run.err());
            assertTrue(run.err().contains("bmaptool: ERROR: 1 of 3 destinations failed: '" + failing + "'"),
                    run.err());
            byte[] expected = expected(image, size);
            assertArrayEquals(expected, contents(loops.get(0).device(), size));
            assertArrayEquals(expected, contents(loops.get(2).device(), size));
        } finally {
            for (LoopDevice loop : loops) {
                loop.close();
            }
            Processes.run("umount", small.toString());
        }
    }
}
