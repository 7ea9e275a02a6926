package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Destinations under {@code /dev} through the linked launcher: a new file on the device
 * file system is a mistyped device and refused (upstream issue #55), while a tmpfs
 * mounted under {@code /dev}, such as {@code /dev/shm}, takes an image like any folder.
 * Files these tests put in the real {@code /dev/shm} or {@code /dev} are removed again.
 */
class DevPathsLauncherIT {
    private static final String UNDER_DEV_WARNING = "is under \"/dev\", but it is a regular file, not a device node";

    @TempDir
    Path dir;

    private Path image() throws Exception {
        return TestImages.sparseUpstreamImage(dir);
    }

    private Launcher.Result copy(Path image, Path dest) throws Exception {
        return Launcher.run(dir, "copy", "--bmap", TestImages.upstreamBmap("v2.0").toString(), image.toString(),
                dest.toString());
    }

    @Test
    void copyIntoDevShmWritesTheImageWithoutWarnings() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no writable /dev/shm");
        assumeTrue(!Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(Path.of("/dev"), "unix:dev")),
                "/dev/shm is not a file system of its own here");
        Path image = image();
        Path staged = shm.resolve("bmaptool-it-" + UUID.randomUUID() + ".img");
        try {
            // The second copy finds the file there: still no warning that it is not a device.
            for (int run = 0; run < 2; run++) {
                Launcher.Result result = copy(image, staged);
                assertEquals(0, result.exitCode(), result.err());
                assertFalse(result.err().contains("WARNING"), result.err());
                assertEquals(-1, Files.mismatch(image, staged), "the copy in /dev/shm is the image");
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    @Test
    void copyToAMistypedDevicePathIsRefusedAndCreatesNothing() throws Exception {
        Path image = image();
        for (String typo : new String[] {"/dev/sdzz9", "/dev/no-such-dir/sdzz9", "/dev/shm/../sdzz9"}) {
            Path dest = Path.of(typo);
            assumeTrue(!Files.exists(dest), typo + " exists on this machine");
            String message = assertCleanFailure(copy(image, dest), 1);
            assertEquals("cannot open destination '" + typo + "': no such device (a path under /dev that does not "
                    + "exist is not created as a file)", message);
            assertFalse(Files.exists(dest), typo + " was created");
        }
    }

    @Test
    void copyOverARegularFileLeftInDevWarnsAndWritesIt() throws Exception {
        Path dev = Path.of("/dev");
        assumeTrue(Files.isWritable(dev), "/dev is not writable (not root)");
        Path image = image();
        // What a mistyped copy with another tool leaves behind; upstream warns and writes it too.
        Path leftOver = Files.writeString(dev.resolve("bmaptool-it-" + UUID.randomUUID()), "not a device");
        try {
            Launcher.Result result = copy(image, leftOver);
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.err().contains("bmaptool: WARNING: \"" + leftOver + "\" " + UNDER_DEV_WARNING),
                    result.err());
            assertEquals(-1, Files.mismatch(image, leftOver));
        } finally {
            Files.deleteIfExists(leftOver);
        }
    }
}
