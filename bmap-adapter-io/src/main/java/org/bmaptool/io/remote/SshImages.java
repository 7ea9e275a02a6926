package org.bmaptool.io.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.UnreadableFileException;

/**
 * {@code ssh://user[:password]@host[:port]/path} over SFTP with Apache MINA SSHD, in
 * process: the password from the URL (or {@code ~/.netrc}) and the user's unencrypted keys
 * ({@code ~/.ssh/id_*}); the server's host key must be in {@code ~/.ssh/known_hosts}, and
 * an unknown or changed key is refused with a message saying so.
 */
final class SshImages {
    private static final List<String> KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa", "id_dsa");
    private static final int READ_AHEAD = 1 << 16;

    private final RemoteLocation location;
    private final RemoteSettings settings;

    SshImages(RemoteLocation location, RemoteSettings settings) {
        this.location = location;
        this.settings = settings;
    }

    ImageSource open() {
        Connection connection = connect();
        try {
            SftpClient.Attributes attributes = connection.sftp().stat(location.decodedPath());
            InputStream in = connection.sftp().read(location.decodedPath(), READ_AHEAD);
            OptionalLong size = attributes.isRegularFile() ? OptionalLong.of(attributes.getSize()) : OptionalLong.empty();
            return new StreamSource(location.masked(), in, size, List.of(connection));
        } catch (IOException e) {
            connection.close();
            throw new PortException(failure(isMissing(e) ? "no such file" : describe(e)), e);
        }
    }

    byte[] read() {
        try (Connection connection = connect(); InputStream in = connection.sftp().read(location.decodedPath())) {
            return in.readAllBytes();
        } catch (IOException e) {
            String name = settings.maskSecrets(location, location.masked());
            if (isMissing(e)) {
                throw UnreadableFileException.missing(name, "no such file");
            }
            throw UnreadableFileException.failed(name, settings.maskSecrets(location, describe(e)), e);
        }
    }

    /** A logged-in SFTP session; closing it stops the client. */
    private record Connection(SshClient client, ClientSession session, SftpClient sftp) implements java.io.Closeable {
        @Override
        public void close() {
            try {
                sftp.close();
                session.close();
            } catch (IOException e) {
                // Closing a session that already broke.
            } finally {
                client.stop();
            }
        }
    }

    private Connection connect() {
        Path knownHosts = settings.home().resolve(".ssh").resolve("known_hosts");
        HostKeyCheck check = new HostKeyCheck(knownHosts);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(check);
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        client.start();
        Duration timeout = settings.connectTimeout();
        Optional<Credentials> credentials = settings.credentialsFor(location);
        String user = credentials.map(Credentials::user).orElse(System.getProperty("user.name"));
        ClientSession session = null;
        try {
            session = client.connect(user, location.host(), location.portOrDefault()).verify(timeout).getSession();
            if (credentials.isPresent() && !credentials.get().password().isEmpty()) {
                session.addPasswordIdentity(credentials.get().password());
            }
            for (KeyPair key : userKeys()) {
                session.addPublicKeyIdentity(key);
            }
            session.auth().verify(timeout);
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new Connection(client, session, sftp);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            String cause;
            if (check.problem.isPresent()) {
                cause = check.problem.get();
            } else if (String.valueOf(e.getMessage()).contains("No more authentication methods")) {
                cause = "authentication as '" + user + "' failed (wrong password, or no key of ~/.ssh accepted)";
            } else {
                cause = describe(e);
            }
            throw new PortException(failure(cause), e);
        }
    }

    /** The user's private keys that load without a passphrase; others are left out. */
    private List<KeyPair> userKeys() {
        List<KeyPair> keys = new ArrayList<>();
        for (String name : KEY_FILES) {
            Path file = settings.home().resolve(".ssh").resolve(name);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                FileKeyPairProvider provider = new FileKeyPairProvider(file);
                provider.setPasswordFinder(FilePasswordProvider.EMPTY);
                provider.loadKeys(null).forEach(keys::add);
            } catch (RuntimeException e) {
                // An encrypted key or one of a type we cannot read: the agent-less client skips it.
            }
        }
        return keys;
    }

    /** known_hosts checked; an unknown or changed host key refused, with the reason kept. */
    private final class HostKeyCheck extends KnownHostsServerKeyVerifier {
        private final Path file;
        private Optional<String> problem = Optional.empty();

        HostKeyCheck(Path file) {
            super((session, address, key) -> false, file);
            this.file = file;
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
            problem = Optional.of("the host key of " + hostName() + " is not in " + file
                    + " (connect once with ssh to check it and add it)");
            return false;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remoteAddress,
                                                  KnownHostEntry entry, PublicKey expected, PublicKey actual) {
            problem = Optional.of("the host key of " + hostName() + " differs from the one in " + file
                    + ": refusing to connect (it may be an attack, or the host was reinstalled)");
            return false;
        }

        private String hostName() {
            return location.port() < 0 ? location.host() : "[" + location.host() + "]:" + location.port();
        }
    }

    private static boolean isMissing(IOException e) {
        return e instanceof SftpException && ((SftpException) e).getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE;
    }

    private String failure(String cause) {
        return settings.maskSecrets(location, "cannot read '" + location.masked() + "': " + cause);
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String message = PortException.reasonOf(e);
        return message.trim();
    }
}
