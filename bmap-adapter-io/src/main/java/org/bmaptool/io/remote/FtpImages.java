package org.bmaptool.io.remote;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.bmaptool.ports.source.UnreadableFileException;

/**
 * {@code ftp://} through the JDK's own FTP URL handler: binary passive transfers, the
 * user and password from the URL or {@code ~/.netrc} (anonymous otherwise), and
 * {@code ftp_proxy} as an HTTP proxy that fetches the FTP URL, as Python's urllib uses it.
 * It needs no library; it cannot restart a transfer at an offset, so FTP images are read
 * front to back.
 */
final class FtpImages {
    private final RemoteLocation location;
    private final RemoteSettings settings;

    FtpImages(RemoteLocation location, RemoteSettings settings) {
        this.location = location;
        this.settings = settings;
    }

    ImageSource open() {
        try {
            URLConnection connection = connect();
            InputStream in = connection.getInputStream();
            long length = connection.getContentLengthLong();
            return new StreamSource(location.masked(), in, length > 0 ? OptionalLong.of(length) : OptionalLong.empty(),
                    List.of());
        } catch (FileNotFoundException e) {
            throw new PortException(failure("no such file"));
        } catch (IOException e) {
            throw new PortException(failure(describe(e)), e);
        }
    }

    byte[] read() {
        String name = settings.maskSecrets(location, location.masked());
        try (InputStream in = connect().getInputStream()) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw UnreadableFileException.missing(name, "no such file");
        } catch (IOException e) {
            throw UnreadableFileException.failed(name, settings.maskSecrets(location, describe(e)), e);
        }
    }

    private URLConnection connect() throws IOException {
        Proxy proxy = new EnvironmentProxies(settings.environment()).select(location.withoutUserInfo()).get(0);
        URLConnection connection = new URL(withCredentials()).openConnection(proxy);
        connection.setConnectTimeout((int) settings.connectTimeout().toMillis());
        connection.setReadTimeout(60_000);
        connection.connect();
        return connection;
    }

    /** The URL with the credentials to log in with: the URL's own, else the netrc's. */
    private String withCredentials() {
        Optional<Credentials> credentials = settings.credentialsFor(location);
        String userInfo = credentials.map(c -> encode(c.user()) + (c.password().isEmpty() ? "" : ":" + encode(c.password())))
                .map(u -> u + "@").orElse("");
        String host = location.host().contains(":") ? "[" + location.host() + "]" : location.host();
        return "ftp://" + userInfo + host + (location.port() < 0 ? "" : ":" + location.port()) + location.path();
    }

    private String failure(String cause) {
        return settings.maskSecrets(location, "cannot read '" + location.masked() + "': " + cause);
    }

    private static String describe(IOException e) {
        String message = PortException.reasonOf(e);
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + message;
        }
        if (e.getClass().getName().endsWith("FtpLoginException")) {
            return "login refused (" + message.trim() + ")";
        }
        return message.trim();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
