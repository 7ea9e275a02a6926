package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release tarball as the README installs it: unpacked anywhere, the launcher linked from elsewhere. */
class ReleaseTarballIT {

    @TempDir
    Path dir;

    @Test
    void unpackedAnywhereItRunsThroughASymlink() throws Exception {
        String version = System.getProperty("bmaptool.version");
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        Path tarball = Path.of(System.getProperty("bmaptool.release.dir"), "bmaptool-" + version + "-linux-" + arch + ".tar.gz");
        assertTrue(Files.isRegularFile(tarball), "the build made no " + tarball);
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", opt.toString())
                .redirectErrorStream(true).start();
        String text = new String(tar.getInputStream().readAllBytes());
        assertTrue(tar.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, tar.exitValue(), text);
        Path home = opt.resolve("bmaptool-" + version);
        try (var top = Files.list(opt)) {
            assertEquals(java.util.List.of(home), top.toList(), "one top folder, bmaptool-VERSION");
        }
        assertTrue(Files.isRegularFile(home.resolve("legal/org.bmaptool.app/LICENSE")));
        assertTrue(Files.isRegularFile(home.resolve("share/man/man1/bmaptool.1")));

        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("bin")).resolve("bmaptool"),
                home.resolve("bin/bmaptool"));
        Process run = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, run.exitValue(), out);
        assertEquals("bmaptool " + version + "\n", out);
    }
}
