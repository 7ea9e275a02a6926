package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bmaptool.testkit.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linked image as a user meets it: help, version, manual, completion, and a real round trip. */
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void helpOfEveryCommandExitsZero() throws Exception {
        for (String[] args : new String[][] {{"-h"}, {"--help"}, {"create", "-h"}, {"copy", "-h"}}) {
            Launcher.Result result = Launcher.run(dir, args);
            assertEquals(0, result.exitCode(), String.join(" ", args));
            assertTrue(result.out().startsWith("Usage: bmaptool"), result.out());
        }
    }

    @Test
    void versionNamesTheToolAndTheBuildsVersion() throws Exception {
        Launcher.Result result = Launcher.run(dir, "--version");
        assertEquals(0, result.exitCode());
        // The project version of this build: 1.0.0-SNAPSHOT, or 1.0.0 with -Drevision=1.0.0.
        assertEquals("bmaptool " + System.getProperty("bmaptool.version") + "\n", result.out());
        assertEquals("", result.err(), "nothing on stderr: no JVM warnings leak to the user");
    }

    @Test
    void badOptionExitsTwo() throws Exception {
        Launcher.Result result = Launcher.run(dir, "copy", "--no-such-option", "a", "b");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Unknown option"), result.err());
    }

    @Test
    void imageLeavesOutTheDesktopModule() throws Exception {
        Path java = Launcher.path().getParent().resolve("java");
        Process process = new ProcessBuilder(java.toString(), "--list-modules").redirectErrorStream(true).start();
        String modules = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(modules.lines().anyMatch(m -> m.startsWith("org.apache.commons.compress@1.")), modules);
        assertTrue(modules.lines().noneMatch(m -> m.startsWith("java.desktop@")), "java.desktop (AWT, Swing: ~19 MB) is linked:\n" + modules);
    }

    @Test
    void everyLinkedModuleHasItsLicenseInLegal() throws Exception {
        Path home = Launcher.path().getParent().getParent();
        String release = Files.readString(home.resolve("release"));
        String modules = release.replaceAll("(?s).*\nMODULES=\"([^\"]*)\".*", "$1");
        assertTrue(modules.contains("com.ctc.wstx"), release);
        for (String module : modules.trim().split("\\s+")) {
            try (Stream<Path> files = Files.list(home.resolve("legal").resolve(module))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("LICENSE") && Files.isReadable(f)),
                        "no legal/" + module + "/LICENSE*");
            }
        }
        assertEquals(Files.readString(ProjectLayout.root().resolve("LICENSE")),
                Files.readString(home.resolve("legal/org.bmaptool.domain/LICENSE")));
    }

    @Test
    void manPageRenders() throws Exception {
        Path man = Launcher.path().getParent().getParent().resolve("share/man/man1/bmaptool.1");
        assertTrue(Files.isRegularFile(man), man.toString());
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man is not installed");
        Process process = new ProcessBuilder("man", "-l", "-P", "cat", man.toString())
                .redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), text);
        assertTrue(text.contains("--removable-device") || text.contains("‐‐removable‐device"), text);
        assertTrue(text.contains("EXIT STATUS"), text);
    }

    @Test
    void bashCompletionParses() throws Exception {
        Path completion = Launcher.path().getParent().getParent()
                .resolve("share/bash-completion/completions/bmaptool");
        assertTrue(Files.readString(completion).contains("--nobmap"));
        assertFalse(Files.readString(completion).startsWith("#!"), "a sourced file has no #! line");
        Process process = new ProcessBuilder("bash", "-n", completion.toString()).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), text);
    }

    @Test
    void copyWithEachUpstreamBmapVersionThenCreateReproducesUpstream() throws Exception {
        Path testdata = ProjectLayout.testdata();
        Path raw = dir.resolve("test.image");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(testdata.resolve("test.image.gz")))) {
            Files.copy(in, raw);
        }
        for (String version : new String[] {"v1.2", "v1.3", "v1.4", "v2.0"}) {
            Path copy = dir.resolve("copy-" + version + ".img");
            Launcher.Result result = Launcher.run(dir, "copy", "--bmap",
                    testdata.resolve("test.image.bmap." + version).toString(), raw.toString(), copy.toString());
            assertEquals(0, result.exitCode(), result.err());
            assertArrayEquals(Files.readAllBytes(raw), Files.readAllBytes(copy), version);
        }
        // The copy is sparse again, so its bmap is upstream's for the same image.
        Path sparse = dir.resolve("copy-v2.0.img");
        Launcher.Result created = Launcher.run(dir, "create", sparse.toString());
        assertEquals(0, created.exitCode(), created.err());
        assertEquals(Files.readString(testdata.resolve("test.image.bmap.created-3.9")), created.out());
    }

    @Test
    void createOfTheBigSparseImageIsByteIdenticalToUpstreams() throws Exception {
        assumeTrue(Files.getFileStore(dir).getBlockSize() == 4096, "upstream's vectors have 4 KiB blocks");
        Path image = dir.resolve("big.image");
        Process make = new ProcessBuilder("sh", ProjectLayout.testdata().resolve("make-big-image.sh").toString(),
                image.toString()).redirectErrorStream(true).start();
        String text = new String(make.getInputStream().readAllBytes());
        assertTrue(make.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, make.exitValue(), text);
        Path bmap = dir.resolve("big.image.bmap");
        Launcher.Result created = Launcher.run(dir, "create", "-o", bmap.toString(), image.toString());
        assertEquals(0, created.exitCode(), created.err());
        assertEquals("", created.err());
        assertEquals(Files.readString(ProjectLayout.testdata().resolve("big.image.bmap.created-3.9")),
                Files.readString(bmap));
    }

    @Test
    void createRefusesAnEmptyImageWithUpstreamsMessage() throws Exception {
        Path image = Files.createFile(dir.resolve("empty.img"));
        Launcher.Result created = Launcher.run(dir, "create", image.toString());
        assertEquals(1, created.exitCode());
        assertEquals("bmaptool: ERROR: cannot generate bmap for zero-sized image file '" + image + "'\n",
                created.err());
    }

    @Test
    void createInTheLinkedImageUnmapsEachHashedWindow() throws Exception {
        // The image's module graph decides whether the early unmap is reachable; without it
        // create falls back to reads, which the debug line says.
        Path image = dir.resolve("mapped.img");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.write(new byte[1 << 20]);
            file.setLength(4 << 20);
        }
        Launcher.Result created = Launcher.run(dir, "--debug", "create", "-o", dir.resolve("mapped.bmap").toString(),
                image.toString());
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.err().contains("through mapped windows, each unmapped once hashed"), created.err());
    }
}
