package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Images and bmaps over FTP from a real (Apache FtpServer) server on 127.0.0.1. */
@Timeout(120)
class FtpImagesTest {
    private static final byte[] IMAGE = HttpSourceTest.randomBytes(3 << 20);

    @TempDir
    Path dir;

    private FtpServer server;
    private int port;
    private RemoteSources sources;

    @BeforeEach
    void start() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ftp"));
        Files.write(root.resolve("test.image"), IMAGE);
        Files.writeString(root.resolve("test.image.bmap"), "<bmap/>");
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        data.setPassiveExternalAddress("127.0.0.1");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener("default", listener.createListener());
        UserManager users = new PropertiesUserManagerFactory().createUserManager();
        BaseUser joe = new BaseUser();
        joe.setName("joe");
        joe.setPassword("ftp-secret");
        joe.setHomeDirectory(root.toString());
        users.save(joe);
        factory.setUserManager(users);
        server = factory.createServer();
        server.start();
        Listener started = factory.getListener("default");
        port = started.getPort();
        sources = new RemoteSources(new RemoteSettings(dir, Map.of(), 1, Duration.ofMillis(10), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void readsTheImageWithTheUrlsUserAndPassword() throws IOException {
        try (ImageSource image = sources.open(Location.parse("ftp://joe:ftp-secret@127.0.0.1:" + port + "/test.image"))) {
            assertEquals("ftp://joe:***@127.0.0.1:" + port + "/test.image", image.name());
            assertArrayEquals(IMAGE, HttpSourceTest.readAll(image));
        }
    }

    @Test
    void readsTheBmapWithTheNetrcEntryAndMissesAMissingOne() throws IOException {
        Files.writeString(dir.resolve(".netrc"), "machine 127.0.0.1 login joe password ftp-secret\n");
        assertArrayEquals("<bmap/>".getBytes(),
                sources.readIfExists(Location.parse("ftp://127.0.0.1:" + port + "/test.image.bmap")).orElseThrow());
        assertEquals(Optional.empty(), sources.readIfExists(Location.parse("ftp://127.0.0.1:" + port + "/missing.bmap")));
    }

    @Test
    void aWrongPasswordIsAnErrorWithThePasswordMasked() {
        String url = "ftp://joe:wrong-pass@127.0.0.1:" + port + "/test.image";
        PortException failure = assertThrows(PortException.class, () -> sources.open(Location.parse(url)));
        assertTrue(failure.getMessage().startsWith("cannot read 'ftp://joe:***@127.0.0.1:" + port + "/test.image': "),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("wrong-pass"), failure.getMessage());
    }
}
