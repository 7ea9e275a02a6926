package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS certificates are always verified: a self-signed server is refused. */
@Timeout(120)
class HttpsVerificationTest {

    @TempDir
    Path dir;

    @Test
    void refusesAServerWithASelfSignedCertificate() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool is not in this JDK");
        Path keystore = dir.resolve("server.p12");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 4);
            exchange.getResponseBody().write("data".getBytes());
            exchange.close();
        });
        server.start();
        try {
            RemoteSources sources = new RemoteSources(
                    new RemoteSettings(dir, Map.of(), 1, Duration.ofMillis(10), Duration.ofSeconds(10)));
            String url = "https://joe:topsecret@127.0.0.1:" + server.getAddress().getPort() + "/test.image";
            PortException failure = assertThrows(PortException.class, () -> sources.open(Location.parse(url)));
            String message = failure.getMessage();
            assertTrue(message.startsWith("cannot read 'https://joe:***@127.0.0.1:" + server.getAddress().getPort()
                    + "/test.image': the server's TLS certificate is not trusted"), message);
            assertTrue(!message.contains("topsecret"), message);
        } finally {
            server.stop(0);
        }
    }
}
