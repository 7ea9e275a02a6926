package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Images and bmaps over SSH (SFTP) from a real (Apache MINA SSHD) server on 127.0.0.1. */
@Timeout(120)
class SshImagesTest {
    private static final byte[] IMAGE = HttpSourceTest.randomBytes(3 << 20);

    @TempDir
    Path dir;

    private SshServer server;
    private KeyPair userKey;
    private Path home;
    private RemoteSources sources;

    @BeforeEach
    void start() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root/srv"));
        Files.write(root.resolve("test.image"), IMAGE);
        Files.writeString(root.resolve("test.image.bmap"), "<bmap/>");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        userKey = generator.generateKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host.key")));
        server.setPasswordAuthenticator((user, password, session) -> "joe".equals(user) && "ssh-secret".equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> "joe".equals(user)
                && KeyUtils.compareKeys(key, userKey.getPublic()));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(dir.resolve("root")));
        server.start();
        home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        PublicKey hostKey = server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
        Files.writeString(home.resolve(".ssh/known_hosts"),
                "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey) + "\n");
        sources = new RemoteSources(new RemoteSettings(home, Map.of(), 1, Duration.ofMillis(10), Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(true);
    }

    private String url(String userInfo, String path) {
        return "ssh://" + userInfo + "@127.0.0.1:" + server.getPort() + path;
    }

    @Test
    void readsTheImageWithThePasswordOfTheUrl() throws IOException {
        try (ImageSource image = sources.open(Location.parse(url("joe:ssh-secret", "/srv/test.image")))) {
            assertEquals(IMAGE.length, image.size().getAsLong());
            assertEquals(url("joe:***", "/srv/test.image"), image.name());
            assertArrayEquals(IMAGE, HttpSourceTest.readAll(image));
        }
    }

    @Test
    void logsInWithTheUsersKeyAndMissesAMissingBmap() throws Exception {
        try (OutputStream out = Files.newOutputStream(home.resolve(".ssh/id_rsa"))) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "test", null, out);
        }
        assertArrayEquals("<bmap/>".getBytes(), sources.readIfExists(Location.parse(url("joe", "/srv/test.image.bmap"))).orElseThrow());
        assertEquals(Optional.empty(), sources.readIfExists(Location.parse(url("joe", "/srv/missing.bmap"))));
    }

    @Test
    void refusesAHostThatIsNotInKnownHosts() throws IOException {
        Files.writeString(home.resolve(".ssh/known_hosts"), "");
        PortException failure = assertThrows(PortException.class,
                () -> sources.open(Location.parse(url("joe:ssh-secret", "/srv/test.image"))));
        assertTrue(failure.getMessage().startsWith("cannot read '" + url("joe:***", "/srv/test.image")
                + "': the host key of [127.0.0.1]:" + server.getPort() + " is not in "), failure.getMessage());
    }

    @Test
    void aWrongPasswordIsAnErrorWithThePasswordMasked() {
        PortException failure = assertThrows(PortException.class,
                () -> sources.open(Location.parse(url("joe:wrong-pass", "/srv/test.image"))));
        assertEquals("cannot read '" + url("joe:***", "/srv/test.image")
                + "': authentication as 'joe' failed (wrong password, or no key of ~/.ssh accepted)", failure.getMessage());
    }
}
