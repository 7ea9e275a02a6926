package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads that go wrong, through the linked launcher against {@link FaultyHttpServer}:
 * a server that vanishes mid-transfer, a self-signed TLS certificate, refusals of every
 * kind. Each fails with one error line naming the URL and the cause, writes nothing but
 * its destination, and never shows the URL's password, not even with {@code --debug}.
 */
class RemoteFaultsIT {
    private static final String SECRET = "s3cr3t-pw";
    private static final String USER_INFO = "joe:" + SECRET;

    @TempDir
    static Path keysDir;

    /** One HTTPS server with a self-signed certificate for all tests: making its key takes a while. */
    private static FaultyHttpServer untrusted;

    @TempDir
    Path dir;

    @BeforeAll
    static void startUntrustedServer() throws Exception {
        untrusted = FaultyHttpServer.startTls(keysDir, (head, out, self) ->
                out.write(FaultyHttpServer.head("200 OK", "Content-Length: 0")));
    }

    @AfterAll
    static void stopUntrustedServer() throws InterruptedException {
        if (untrusted != null) {
            untrusted.close();
        }
    }

    @Test
    void serverThatDropsTheConnectionForGoodFailsNamingTheUrlAndTheByte() throws Exception {
        byte[] image = Files.readAllBytes(TestImages.textImage(dir));
        TreeSnapshot before = TreeSnapshot.of(dir);
        try (FaultyHttpServer server = FaultyHttpServer.start((head, out, self) -> {
            if (!head.startsWith("GET /disk.img ")) {
                // Signatures are looked for beside the image too: there are none.
                out.write(FaultyHttpServer.head("404 Not Found", "Content-Length: 0"));
                return;
            }
            out.write(FaultyHttpServer.head("200 OK", "Content-Length: " + image.length));
            out.write(image, 0, image.length / 2);
            self.stopListening();
        })) {
            String url = server.url("http", USER_INFO, "/disk.img");

            Launcher.Result result = Launcher.run(dir, "copy", "--bmap", "disk.img.bmap", url, "copy.img");

            String message = assertCleanFailure(result, 1, "cannot read '" + server.url("http", "joe:***", "/disk.img")
                    + "'", "the transfer broke off at byte", "did not resume after 3 retries",
                    "connection refused by 127.0.0.1:" + server.port());
            assertFalse(result.err().contains(SECRET), result.err());
            assertTrue(message.startsWith("error while reading blocks "), message);
        }
        before.assertUnchangedExcept(dir.resolve("copy.img"));
    }

    @Test
    void selfSignedHttpsServerIsRefusedBeforeAnyRequest() throws Exception {
        TestImages.textImage(dir);
        TreeSnapshot before = TreeSnapshot.of(dir);
        int requestsBefore = untrusted.requests().size();

        Launcher.Result result = Launcher.run(dir, "copy", "--bmap", "disk.img.bmap",
                untrusted.url("https", null, "/disk.img"), "copy.img");

        // The first request is for a signature beside the image; it fails the same way.
        String message = assertCleanFailure(result, 1, "cannot read '" + untrusted.url("https", null, "/disk."),
                "the server's TLS certificate is not trusted (PKIX path building failed: unable to find valid "
                + "certification path to requested target)");
        assertFalse(message.contains("Exception"), message);
        assertEquals(requestsBefore, untrusted.requests().size(), "no request reaches an untrusted server");
        before.assertUnchangedExcept();
    }

    /**
     * Every way a download with a password in its URL can fail, with {@code --debug} (the
     * most that is ever printed; the tests above check the plain messages, also of a
     * dropped transfer): neither the password nor the Basic credentials made of it
     * appear, in messages or stack traces.
     */
    @Test
    void passwordsFromUrlsNeverAppearInMessagesOrDebugLogs() throws Exception {
        TestImages.textImage(dir);
        String basic = Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
        List<String> runs = new ArrayList<>();
        try (FaultyHttpServer notFound = FaultyHttpServer.start((head, out, self) ->
                     out.write(FaultyHttpServer.head("404 Not Found", "Content-Length: 0")));
             FaultyHttpServer unauthorized = FaultyHttpServer.start((head, out, self) ->
                     out.write(FaultyHttpServer.head("401 Unauthorized", "WWW-Authenticate: Basic realm=\"images\"",
                             "Content-Length: 0")));
             FaultyHttpServer gone = FaultyHttpServer.start((head, out, self) -> { })) {
            gone.stopListening();
            List<String[]> commands = List.of(
                    new String[] {"copy", notFound.url("http", USER_INFO, "/disk.img"), "copy.img"},
                    new String[] {"copy", "--bmap", notFound.url("http", USER_INFO, "/disk.img.bmap"), "disk.img",
                        "copy.img"},
                    new String[] {"copy", "--bmap", "disk.img.bmap", unauthorized.url("http", USER_INFO, "/disk.img"),
                        "copy.img"},
                    new String[] {"copy", "--bmap", "disk.img.bmap", gone.url("http", USER_INFO, "/disk.img"),
                        "copy.img"},
                    new String[] {"copy", "--bmap", "disk.img.bmap", untrusted.url("https", USER_INFO, "/disk.img"),
                        "copy.img"});
            for (String[] command : commands) {
                List<String> args = new ArrayList<>(List.of(command));
                args.add(0, "--debug");
                Launcher.Result result = Launcher.run(dir, args.toArray(String[]::new));
                assertEquals(1, result.exitCode(), result.err());
                assertTrue(result.err().contains("\tat "), "--debug shows the stack trace: " + result.err());
                runs.add(result.err());
            }
            assertTrue(unauthorized.requests().stream().anyMatch(head -> head.contains("Authorization: Basic " + basic)),
                    "the password was sent to its own host: " + unauthorized.requests());
        }
        for (String run : runs) {
            assertFalse(run.contains(SECRET) || run.contains(basic), run);
            // Upstream's message for a bmap that is nowhere names no URL; all others name it, masked.
            assertTrue(run.contains("joe:***@127.0.0.1:") || run.contains("bmap file not found"), run);
        }
    }
}
