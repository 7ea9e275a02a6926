package org.bmaptool.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bmaptool.testkit.Processes;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for tests of what the
 * launcher does when a download goes wrong: each connection's request head is recorded
 * and handed to a {@link Reply} that writes whatever answer (or half answer) the test
 * wants; the connection is closed after it. {@link #stopListening()} makes every later
 * connection refused, a server gone for good. With {@link #startTls} it speaks TLS with
 * a self-signed certificate made by the JDK's keytool.
 */
public final class FaultyHttpServer implements AutoCloseable {

    /** Writes the answer to one request. */
    @FunctionalInterface
    public interface Reply {
        void answer(String requestHead, OutputStream out, FaultyHttpServer server) throws IOException;
    }

    private final ServerSocket socket;
    private final Reply reply;
    private final List<String> requests = new ArrayList<>();
    private final Thread thread;

    private FaultyHttpServer(ServerSocket socket, Reply reply) {
        this.socket = socket;
        this.reply = reply;
        this.thread = new Thread(this::serve, "faulty-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Plain HTTP. */
    public static FaultyHttpServer start(Reply reply) throws IOException {
        return new FaultyHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), reply);
    }

    /** HTTPS with a new self-signed certificate for 127.0.0.1, its key store made in {@code dir}. */
    public static FaultyHttpServer startTls(Path dir, Reply reply) throws Exception {
        Path store = dir.resolve("self-signed.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Processes.run(keytool.toString(), "-genkeypair", "-alias", "local", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        return new FaultyHttpServer(tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress()), reply);
    }

    /** {@code scheme://userInfo@127.0.0.1:port/path}, without user info when it is null. */
    public String url(String scheme, String userInfo, String path) {
        return scheme + "://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + socket.getLocalPort() + path;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The request heads received so far. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Closes the listening socket: from now on connections are refused. */
    public void stopListening() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                String head = readHead(connection.getInputStream());
                synchronized (requests) {
                    requests.add(head);
                }
                OutputStream out = connection.getOutputStream();
                reply.answer(head, out, this);
                out.flush();
            } catch (IOException e) {
                // A client that gave up (or a TLS handshake it refused); serve the next one.
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == end.length) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The start of an answer: status line and headers, ready for a body. */
    public static byte[] head(String status, String... headers) {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws InterruptedException {
        stopListening();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
