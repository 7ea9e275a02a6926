package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bmaptool.testkit.Gpg;
import org.bmaptool.testkit.ProjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names derived from a URL, and what a server said, through the linked launcher against
 * {@link FaultyHttpServer} on 127.0.0.1: the bmap and its signature are found beside an
 * image whose URL carries a download token, by a server that ignores the query string
 * (as most do), so a suffix put after the query would fetch the wrong file; a missing or
 * refused bmap or signature names the HTTP status line.
 */
class RemoteLocationIT {

    @TempDir
    Path dir;

    /** Serves {@code files} by the request's path, the query ignored; any other path gets {@code status}. */
    private static FaultyHttpServer serve(Map<String, byte[]> files, Map<String, String> statuses) throws IOException {
        return FaultyHttpServer.start((head, out, self) -> {
            String target = head.split(" ", 3)[1];
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            byte[] content = files.get(path);
            if (content == null) {
                out.write(FaultyHttpServer.head(statuses.getOrDefault(path, "404 Not Found"), "Content-Length: 0"));
                return;
            }
            out.write(FaultyHttpServer.head("200 OK", "Content-Length: " + content.length));
            out.write(content);
        });
    }

    /** The request targets a server received: {@code /disk.img.bmap.asc?token=abc}. */
    private static List<String> targets(FaultyHttpServer server) {
        return server.requests().stream().map(head -> head.split(" ", 3)[1]).toList();
    }

    @Test
    void signedBmapBesideAnImageUrlWithAQueryIsFoundAndVerified() throws Exception {
        assumeTrue(Gpg.installed(), "gpg is not installed");
        Path image = TestImages.upstreamImage(dir);
        Path bmap = Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("disk.img.bmap"));
        try (Gpg gpg = Gpg.in(dir.resolve("gnupg"))) {
            String signer = gpg.generate("Release Signer <release@example.org>");
            Path keyring = gpg.export(dir.resolve("release.gpg"), signer);
            Path signature = gpg.detachSign(signer, bmap, dir.resolve("disk.img.bmap.asc"), true);
            Map<String, byte[]> files = new ConcurrentHashMap<>(Map.of(
                    "/disk.img.gz", Files.readAllBytes(ProjectLayout.testdata().resolve("test.image.gz")),
                    "/disk.img.bmap", Files.readAllBytes(bmap),
                    "/disk.img.bmap.asc", Files.readAllBytes(signature)));
            try (FaultyHttpServer server = serve(files, Map.of())) {
                String url = server.url("http", null, "/disk.img.gz?token=abc");

                Launcher.Result result = Launcher.run(dir, "copy", "--keyring", keyring.toString(), "--fingerprint",
                        signer, url, "copy.img");

                assertEquals(0, result.exitCode(), result.err());
                String base = server.url("http", null, "");
                assertTrue(result.err().contains("discovered bmap file '" + base + "/disk.img.bmap?token=abc'"),
                        result.err());
                assertTrue(result.err().contains("discovered signature file for bmap '" + base
                        + "/disk.img.bmap.asc?token=abc'"), result.err());
                assertTrue(result.err().contains("successfully verified bmap file signature of "
                        + "Release Signer <release@example.org> (fingerprint " + signer + ")"), result.err());
                assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(dir.resolve("copy.img")));
                List<String> targets = targets(server);
                assertTrue(targets.containsAll(List.of("/disk.img.gz.bmap?token=abc", "/disk.img.bmap?token=abc",
                        "/disk.img.bmap.asc?token=abc", "/disk.img.gz?token=abc")), targets.toString());
                assertTrue(targets.stream().allMatch(target -> target.endsWith("?token=abc")),
                        "every suffix went on the path, before the query: " + targets);
            }
        }
    }

    @Test
    void aMissingOrRefusedBmapOrSignatureNamesTheStatusLine() throws Exception {
        TestImages.textImage(dir);
        try (FaultyHttpServer server = serve(Map.of("/disk.img.bmap", Files.readAllBytes(dir.resolve("disk.img.bmap"))),
                Map.of("/forbidden.bmap", "403 Forbidden", "/broken.bmap.asc", "500 Internal Server Error",
                        "/busy.img", "503 Service Unavailable"))) {
            String missing = server.url("http", null, "/missing.bmap");
            assertEquals("cannot open bmap file '" + missing + "': HTTP 404 Not Found",
                    assertCleanFailure(Launcher.run(dir, "copy", "--bmap", missing, "disk.img", "copy.img"), 1));
            assertEquals("cannot open bmap file '" + missing + "': HTTP 404 Not Found",
                    assertCleanFailure(Launcher.run(dir, "verify", "--bmap", missing, "disk.img"), 1));

            String forbidden = server.url("http", "joe:s3cr3t-pw", "/forbidden.bmap");
            assertEquals("cannot open bmap file '" + server.url("http", "joe:***", "/forbidden.bmap")
                    + "': HTTP 403 Forbidden",
                    assertCleanFailure(Launcher.run(dir, "copy", "--bmap", forbidden, "disk.img", "copy.img"), 1));

            String brokenSignature = server.url("http", null, "/broken.bmap.asc");
            assertEquals("cannot open bmap signature file '" + brokenSignature + "': HTTP 500 Internal Server Error",
                    assertCleanFailure(Launcher.run(dir, "copy", "--bmap", server.url("http", null, "/disk.img.bmap"),
                            "--bmap-sig", brokenSignature, "disk.img", "copy.img"), 1));

            String busy = server.url("http", null, "/busy.img");
            assertEquals("cannot open image: cannot read '" + busy + "': HTTP 503 Service Unavailable",
                    assertCleanFailure(Launcher.run(dir, "copy", "--nobmap", busy, "copy.img"), 1));
        }
        assertTrue(Files.notExists(dir.resolve("copy.img")), "nothing is written when the bmap cannot be read");
    }
}
