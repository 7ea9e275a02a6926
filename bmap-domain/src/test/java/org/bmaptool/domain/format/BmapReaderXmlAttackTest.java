package org.bmaptool.domain.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic attacks on XML parsers, each sent as a bmap: entities that would read a
 * local file or fetch a URL (proven not to: a named pipe no one opens, a local server
 * no one connects to), parameter entities, billion laughs, a text node of 2 GiB
 * generated as it is read, invalid UTF-8 and a binary file. Each must end in one
 * {@link BmapException} of one line that names the file, having read little of it.
 * ({@link BmapReaderTest} has the DOCTYPE, entity-reference, deep-nesting and
 * endless-input cases.)
 */
class BmapReaderXmlAttackTest {
    private static final String NAME = "hostile.bmap";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String BODY = "<bmap version=\"2.0\">\n<ImageSize>&xxe;</ImageSize>\n</bmap>\n";

    @TempDir
    Path dir;

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    /** A local server that counts every connection and answers each with a small DTD. */
    @BeforeEach
    void startServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    byte[] body = "<!ENTITY xxe \"4096\">".getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.0 200 OK\r\nContent-Type: application/xml-dtd\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    // a client that went away: it still counted
                }
            }
        }, "entity server");
        accepting.setDaemon(true);
        accepting.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void refusesAFileEntityWithoutOpeningTheFile() throws Exception {
        Path pipe = namedPipe("secret");
        AtomicBoolean opened = new AtomicBoolean();
        // Opening a pipe for writing blocks until someone opens it for reading: the thread
        // gets past the open only if the parser opened the "file".
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(pipe)) {
                opened.set(true);
                out.write("4096".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the test's own reader below closed it
            }
        });
        writer.setDaemon(true);
        writer.start();
        String secret = HEAD + "<!DOCTYPE bmap [\n<!ENTITY xxe SYSTEM \"file://" + pipe + "\">\n]>\n" + BODY;

        String message = refused(secret.getBytes(StandardCharsets.UTF_8));

        assertFalse(opened.get(), "the parser opened " + pipe);
        assertTrue(message.contains("DOCTYPE"), message);
        Files.newInputStream(pipe).close(); // lets the writer thread end
        writer.join();
    }

    @Test
    void refusesAnHttpEntityWithoutConnecting() {
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/xxe";
        String general = HEAD + "<!DOCTYPE bmap [\n<!ENTITY xxe SYSTEM \"" + url + "\">\n]>\n" + BODY;
        String externalSubset = HEAD + "<!DOCTYPE bmap SYSTEM \"" + url + "\">\n" + BODY;
        String publicId = HEAD + "<!DOCTYPE bmap PUBLIC \"-//x//y\" \"" + url + "\">\n" + BODY;

        for (String attack : new String[] {general, externalSubset, publicId}) {
            String message = refused(attack.getBytes(StandardCharsets.UTF_8));
            assertTrue(message.contains("DOCTYPE"), message);
        }
        assertEquals(0, connections.get(), "connections to the entity server");
    }

    @Test
    void refusesParameterEntitiesWithoutConnecting() {
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/xxe.dtd";
        String remote = HEAD + "<!DOCTYPE bmap [\n<!ENTITY % remote SYSTEM \"" + url + "\">\n%remote;\n]>\n" + BODY;
        String local = HEAD + "<!DOCTYPE bmap [\n<!ENTITY % p \"<!ENTITY xxe '4096'>\">\n%p;\n]>\n" + BODY;

        for (String attack : new String[] {remote, local}) {
            refused(attack.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(0, connections.get(), "connections to the entity server");
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder lol = new StringBuilder(HEAD + "<!DOCTYPE bmap [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        lol.append("]>\n<bmap version=\"2.0\">\n<Comment>&lol9;</Comment>\n</bmap>\n");

        String message = refused(lol.toString().getBytes(StandardCharsets.UTF_8));

        assertTrue(message.contains("DOCTYPE"), message);
    }

    @Test
    void refusesATwoGigabyteTextNodeAfterReadingLittleOfIt() {
        // '>' may stand in text; it keeps the input looking like markup to a byte scanner.
        for (String element : new String[] {"ImageSize", "Comment", "Extension"}) {
            AtomicLong read = new AtomicLong();
            String message = refused(generated("<bmap version=\"2.0\">\n<" + element + ">", "1>", 2L << 30, read));
            assertTrue(message.startsWith("bmap file '" + NAME + "', line 2: too large for a bmap"), message);
            assertTrue(read.get() < 16L << 20, element + ": read " + read.get() + " bytes");
        }
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] prefix = (HEAD + "<bmap version=\"2.0\">\n<Comment>caf").getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "</Comment>\n</bmap>\n".getBytes(StandardCharsets.US_ASCII);
        // A broken sequence, a byte never in UTF-8, a Latin-1 letter, an encoded surrogate.
        // (Woodstox decodes overlong forms such as C0 AF leniently; they can only stand where
        // any other character is refused or ignored, since a bmap's values are numbers and hex.)
        for (byte[] invalid : new byte[][] {{(byte) 0xc3, 0x28}, {(byte) 0xff}, {(byte) 0xe9},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(prefix);
            bytes.writeBytes(invalid);
            bytes.writeBytes(suffix);

            String message = refused(bytes.toByteArray());

            assertTrue(message.startsWith("bmap file '" + NAME + "' is not UTF-8 text: invalid UTF-8 "),
                    java.util.HexFormat.of().formatHex(invalid) + ": " + message);
        }
    }

    @Test
    void refusesInvalidUtf8WhereverTheParserMeetsIt() {
        // The parser decodes ahead in blocks of 4000 bytes: every position around the end of
        // the first block is tried. (Where Woodstox meets a broken sequence only when asked
        // for the text before it, it throws a runtime exception; the fuzz input
        // crash-invalid-utf8-inside-a-range of BmapReaderFuzzTest is such a case.)
        BmapText text = BmapText.v2().element("ImageSize", Long.toString(4096L * 1000))
                .element("BlocksCount", "1000").element("MappedBlocksCount", "100").noRanges();
        for (int block = 0; block < 200; block += 2) {
            text.range(Integer.toString(block));
        }
        byte[] bmap = text.bytes();
        for (int at = 3900; at < 4100; at++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(bmap, 0, at);
            bytes.write(0x95);
            bytes.write(bmap, at, bmap.length - at);

            String message = refused(bytes.toByteArray());

            assertTrue(message.startsWith("bmap file '" + NAME + "' is not UTF-8 text: invalid UTF-8 "),
                    "at " + at + ": " + message);
        }
    }

    @Test
    void refusesABinaryFileSuchAsAGzippedBmap() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(BmapText.v2().bytes());
        }

        String message = refused(gzipped.toByteArray());

        assertEquals("bmap file '" + NAME + "' is not UTF-8 text: invalid UTF-8 start byte 0x8b", message);
    }

    // --- helpers ---

    /** The message the reader refuses {@code bytes} with: one line, naming the file. */
    private static String refused(byte[] bytes) {
        return refused(BmapSource.of(NAME, bytes));
    }

    private static String refused(BmapSource source) {
        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "more than one line: " + message);
        assertTrue(message.contains("'" + NAME + "'"), message);
        return message;
    }

    private Path namedPipe(String name) throws IOException, InterruptedException {
        Path pipe = dir.resolve(name);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not installed");
            throw e;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        return pipe;
    }

    /** {@code start}, then {@code unit} repeated up to {@code length} bytes, made as it is read. */
    private static BmapSource generated(String start, String unit, long length, AtomicLong read) {
        byte[] head = start.getBytes(StandardCharsets.US_ASCII);
        byte[] repeated = unit.getBytes(StandardCharsets.US_ASCII);
        return new BmapSource() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public InputStream open() {
                return new InputStream() {
                    private long position;

                    @Override
                    public int read() {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        if (position >= length(head.length)) {
                            return -1;
                        }
                        int n = (int) Math.min(length, length(head.length) - position);
                        for (int i = 0; i < n; i++, position++) {
                            buffer[offset + i] = position < head.length ? head[(int) position]
                                    : repeated[(int) ((position - head.length) % repeated.length)];
                        }
                        read.addAndGet(n);
                        return n;
                    }

                    private long length(int headLength) {
                        return headLength + length;
                    }
                };
            }
        };
    }
}
