package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.UnreadableFileException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Images and bmaps over HTTP from a real server on 127.0.0.1. */
@Timeout(120)
class HttpSourceTest {
    private static final byte[] IMAGE = randomBytes(8 << 20);

    @TempDir
    Path home;

    private TestHttpServer server;
    private RemoteSources sources;

    @BeforeEach
    void start() throws IOException {
        server = new TestHttpServer().file("/test.image", IMAGE).file("/test.image.bmap", "<bmap/>".getBytes());
        sources = new RemoteSources(settings(Map.of()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteSettings settings(Map<String, String> environment) {
        return new RemoteSettings(home, environment, 3, Duration.ofMillis(10), Duration.ofSeconds(10));
    }

    @Test
    void readsTheWholeImageAndKnowsItsSizeFromTheHeaders() throws IOException {
        try (ImageSource image = sources.open(Location.parse(server.url("/test.image")))) {
            assertEquals(IMAGE.length, image.size().getAsLong());
            assertArrayEquals(IMAGE, readAll(image));
        }
    }

    @Test
    void skipsLongHolesWithRangeRequestsAndReadsThroughShortOnes() throws IOException {
        try (HttpSource image = (HttpSource) sources.open(Location.parse(server.url("/test.image")))) {
            assertTrue(image.seekable());
            assertArrayEquals(slice(0, 4096), read(image, 0, 4096));
            assertArrayEquals(slice(100_000, 4096), read(image, 100_000, 4096));
            assertArrayEquals(slice(6 << 20, 4096), read(image, 6 << 20, 4096));
            assertEquals(2, image.requests(), "one request for the start, one for the far jump");
        }
        assertEquals(List.of("bytes=0-", "bytes=" + (6 << 20) + "-"), server.ranges);
    }

    @Test
    void readsFrontToBackWhenTheServerIgnoresRange() throws IOException {
        server.honourRange = false;
        try (HttpSource image = (HttpSource) sources.open(Location.parse(server.url("/test.image")))) {
            assertFalse(image.seekable());
            assertEquals(IMAGE.length, image.size().getAsLong());
            assertArrayEquals(slice(5 << 20, 1000), read(image, 5 << 20, 1000));
            assertArrayEquals(slice(7 << 20, 1000), read(image, 7 << 20, 1000));
            assertEquals(1, image.requests());
        }
    }

    @Test
    void resumesWithARangeRequestWhenTheConnectionDropsMidBody() throws IOException {
        server.dropAfter = 3_000_000;
        server.dropsLeft.set(1);
        try (ImageSource image = sources.open(Location.parse(server.url("/test.image")))) {
            assertArrayEquals(IMAGE, readAll(image));
        }
        // The resume starts where the client's data stopped: at most where the server cut
        // (bytes in flight when the connection dies may be lost), never at the start.
        assertEquals(2, server.ranges.size(), server.ranges::toString);
        assertEquals("bytes=0-", server.ranges.get(0));
        long resumedAt = Long.parseLong(server.ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"));
        assertTrue(resumedAt > 0 && resumedAt <= 3_000_000, server.ranges::toString);
    }

    @Test
    void failsNamingTheUrlWhenTheConnectionDropsForGood() throws IOException {
        server.dropAfter = 3_000_000;
        server.dropsLeft.set(Integer.MAX_VALUE);
        String url = "http://joe:hunter22@127.0.0.1:" + server.port() + "/test.image";
        try (ImageSource image = sources.open(Location.parse(url))) {
            PortException failure = assertThrows(PortException.class, () -> readAll(image));
            String message = failure.getMessage();
            assertTrue(message.startsWith("cannot read 'http://joe:***@127.0.0.1:" + server.port()
                    + "/test.image': the transfer broke off at byte 3000000 and did not resume after 3 retries"),
                    message);
            assertFalse(message.contains("hunter22"), message);
        }
        // The first request and three retries; the JDK client may itself repeat a GET
        // whose connection closed before the headers came.
        assertTrue(server.requests.get() >= 4, server.requests.get() + " requests");
    }

    @Test
    void followsRedirects() throws IOException {
        server.redirect("/latest.image", server.url("/test.image"));
        try (ImageSource image = sources.open(Location.parse(server.url("/latest.image")))) {
            assertArrayEquals(IMAGE, readAll(image));
        }
    }

    @Test
    void readIfExistsIsEmptyOnNotFoundAndReadsAnExistingBmap() {
        assertEquals(Optional.empty(), sources.readIfExists(Location.parse(server.url("/missing.bmap"))));
        assertArrayEquals("<bmap/>".getBytes(), sources.readIfExists(Location.parse(server.url("/test.image.bmap"))).orElseThrow());
    }

    @Test
    void aMissingSmallFileIsMissingAndEveryOtherRefusalNamesItsStatusLine() {
        server.status("/forbidden.bmap", 403).status("/broken.bmap", 500).status("/busy.bmap", 429)
                .status("/odd.bmap", 599).status("/gone.bmap", 410);
        UnreadableFileException missing = assertThrows(UnreadableFileException.class,
                () -> sources.read(Location.parse(server.url("/missing.bmap?token=abc"))));
        assertTrue(missing.missing());
        assertEquals("HTTP 404 Not Found", missing.reason());
        assertEquals("cannot read '" + server.url("/missing.bmap?token=abc") + "': HTTP 404 Not Found",
                missing.getMessage());
        assertTrue(assertThrows(UnreadableFileException.class,
                () -> sources.read(Location.parse(server.url("/gone.bmap")))).missing());
        Map<String, String> refusals = Map.of("/forbidden.bmap", "HTTP 403 Forbidden",
                "/broken.bmap", "HTTP 500 Internal Server Error", "/busy.bmap", "HTTP 429 Too Many Requests",
                "/odd.bmap", "HTTP 599");
        refusals.forEach((path, statusLine) -> {
            Location location = Location.parse(server.url(path));
            UnreadableFileException refused = assertThrows(UnreadableFileException.class, () -> sources.read(location));
            assertFalse(refused.missing(), path);
            assertEquals(statusLine, refused.reason());
            // Beside an image too: a refusal is not "not there".
            assertEquals(statusLine, assertThrows(UnreadableFileException.class,
                    () -> sources.readIfExists(location)).reason());
            assertEquals("cannot read '" + server.url(path) + "': " + statusLine,
                    assertThrows(PortException.class, () -> sources.open(location)).getMessage());
        });
    }

    @Test
    void openingAMissingImageIsAOneLineErrorNamingTheUrl() {
        PortException failure = assertThrows(PortException.class, () -> sources.open(Location.parse(server.url("/missing.image"))));
        assertEquals("cannot read '" + server.url("/missing.image") + "': HTTP 404 Not Found", failure.getMessage());
    }

    @Test
    void logsInWithTheUserAndPasswordOfTheUrl() throws IOException {
        server.protectedFile("test.image", IMAGE, "joe", "s3cret:pw");
        String url = "http://joe:s3cret%3Apw@127.0.0.1:" + server.port() + "/secret/test.image";
        try (ImageSource image = sources.open(Location.parse(url))) {
            assertEquals("http://joe:***@127.0.0.1:" + server.port() + "/secret/test.image", image.name());
            assertArrayEquals(IMAGE, readAll(image));
        }
    }

    @Test
    void logsInWithTheNetrcEntryOfTheHost() throws IOException {
        server.protectedFile("test.image", IMAGE, "ann", "from-netrc");
        Files.writeString(home.resolve(".netrc"), "machine 127.0.0.1 login ann password from-netrc\n");
        assertArrayEquals(IMAGE, sources.readIfExists(Location.parse(server.url("/secret/test.image"))).orElseThrow());
    }

    @Test
    void aWrongPasswordIsRefusedWithThePasswordMasked() {
        server.protectedFile("test.image", IMAGE, "joe", "right");
        String url = "http://joe:wrong-password@127.0.0.1:" + server.port() + "/secret/test.image";
        PortException failure = assertThrows(PortException.class, () -> sources.open(Location.parse(url)));
        assertEquals("cannot read 'http://joe:***@127.0.0.1:" + server.port()
                + "/secret/test.image': HTTP 401 Unauthorized (wrong or missing user name and password)",
                failure.getMessage());
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/x.image";
        PortException failure = assertThrows(PortException.class, () -> sources.open(Location.parse(url)));
        assertEquals("cannot read '" + url + "': connection refused by 127.0.0.1:" + port, failure.getMessage());
    }

    @Test
    void goesThroughTheProxyOfHttpProxyUnlessNoProxyNamesTheHost() throws IOException {
        // The test server answers requests for any host, as a proxy would.
        String elsewhere = "http://images.bmaptool-test.invalid/test.image";
        RemoteSources proxied = new RemoteSources(settings(Map.of("http_proxy", "127.0.0.1:" + server.port())));
        try (ImageSource image = proxied.open(Location.parse(elsewhere))) {
            assertArrayEquals(IMAGE, readAll(image));
        }
        RemoteSources bypassed = new RemoteSources(settings(Map.of("http_proxy", "127.0.0.1:" + server.port(),
                "no_proxy", "localhost,.bmaptool-test.invalid")));
        PortException failure = assertThrows(PortException.class, () -> bypassed.open(Location.parse(elsewhere)));
        assertTrue(failure.getMessage().startsWith("cannot read '" + elsewhere + "': "), failure.getMessage());
    }

    private static byte[] read(ImageSource image, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = image.read(buffer, at + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    static byte[] readAll(ImageSource image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long position = 0;
        int n;
        while ((n = image.read(buffer.clear(), position)) >= 0) {
            byte[] chunk = new byte[n];
            buffer.flip().get(chunk);
            out.write(chunk);
            position += n;
        }
        return out.toByteArray();
    }

    private static byte[] slice(int from, int length) {
        return Arrays.copyOfRange(IMAGE, from, from + length);
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(6).nextBytes(bytes);
        return bytes;
    }
}
