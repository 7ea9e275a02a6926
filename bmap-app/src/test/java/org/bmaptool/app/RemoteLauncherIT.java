package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.bmaptool.testkit.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linked launcher copies an image from an HTTP server on 127.0.0.1 (Debian's python3 http.server). */
class RemoteLauncherIT {

    @TempDir
    Path dir;

    @Test
    void copiesFromHttpUrlsWithGivenAndDiscoveredBmap() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        Path served = Files.createDirectories(dir.resolve("served"));
        Path testdata = ProjectLayout.testdata();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(testdata.resolve("test.image.gz")))) {
            Files.copy(in, served.resolve("test.image"));
        }
        Files.copy(testdata.resolve("test.image.bmap.v2.0"), served.resolve("test.image.bmap"));
        Process server = new ProcessBuilder("/usr/bin/python3", "-u", "-m", "http.server", "0",
                "--bind", "127.0.0.1", "--directory", served.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader banner = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Matcher port = Pattern.compile("port (\\d+)").matcher(String.valueOf(banner.readLine()));
            assertTrue(port.find(), "no port in python's banner");
            String base = "http://127.0.0.1:" + port.group(1);
            Thread drain = new Thread(() -> {
                try {
                    banner.transferTo(java.io.Writer.nullWriter());
                } catch (java.io.IOException e) {
                    // The server stopped.
                }
            });
            drain.setDaemon(true);
            drain.start();

            Launcher.Result given = Launcher.run(dir, "copy", base + "/test.image", "--bmap", base + "/test.image.bmap",
                    "given.img");
            assertEquals(0, given.exitCode(), given.err());
            assertArrayEquals(Files.readAllBytes(served.resolve("test.image")), Files.readAllBytes(dir.resolve("given.img")));

            String withPassword = "http://joe:launcher-secret@127.0.0.1:" + port.group(1) + "/test.image";
            Launcher.Result discovered = Launcher.run(dir, "copy", withPassword, "discovered.img");
            assertEquals(0, discovered.exitCode(), discovered.err());
            assertTrue(discovered.err().contains("discovered bmap file 'http://joe:***@127.0.0.1:"), discovered.err());
            assertFalse(discovered.err().contains("launcher-secret"), discovered.err());
            assertArrayEquals(Files.readAllBytes(served.resolve("test.image")),
                    Files.readAllBytes(dir.resolve("discovered.img")));

            Launcher.Result missing = Launcher.run(dir, "copy", "--nobmap", base + "/missing.image", "missing.img");
            assertEquals(1, missing.exitCode());
            assertEquals("bmaptool: ERROR: cannot open image: cannot read '" + base + "/missing.image': HTTP 404 Not Found\n", missing.err());
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
