package org.bmaptool.io.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLException;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.UnreadableFileException;

/**
 * HTTP and HTTPS through the JDK's client: redirects followed (never from HTTPS down to
 * HTTP), certificates always verified, proxies from the environment, and Basic
 * authentication answered only for the host the credentials belong to (so a redirect to
 * another host never receives the URL's password).
 */
final class HttpImages {
    private final RemoteSettings settings;
    private final HttpClient client;
    private final RemoteLocation location;

    /** A response that is to be read: its body, and what its headers say of the file's size. */
    record Body(InputStream stream, long from, boolean partial, OptionalLong fileSize) {
    }

    HttpImages(RemoteLocation location, RemoteSettings settings) {
        this.location = location;
        this.settings = settings;
        EnvironmentProxies proxies = new EnvironmentProxies(settings.environment());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.connectTimeout())
                .proxy(proxies)
                .authenticator(new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        Optional<Credentials> credentials = getRequestorType() == RequestorType.PROXY
                                ? proxies.credentialsFor(getRequestingHost(), getRequestingPort())
                                : settings.credentialsFor(location, getRequestingHost());
                        return credentials.map(c -> new PasswordAuthentication(c.user(), c.password().toCharArray()))
                                .orElse(null);
                    }
                })
                .build();
    }

    RemoteLocation location() {
        return location;
    }

    /**
     * Requests the file from byte {@code from} on, asking for a range when {@code ranged}.
     * The answer may be the whole file (a server that ignores Range): see {@link Body#partial}.
     *
     * @throws IOException when the connection fails (worth a retry)
     * @throws UnreadableFileException on a refusal, naming the status line; {@code missing} on 404 and 410
     */
    Body get(long from, boolean ranged) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(location.withoutUserInfo())
                .timeout(Duration.ofSeconds(60)).GET();
        if (ranged) {
            request.header("Range", "bytes=" + from + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw UnreadableFileException.failed(name(), settings.maskSecrets(location, e.getMessage()), e);
        }
        int status = response.statusCode();
        if (status == 206) {
            Optional<ContentRange> range = response.headers().firstValue("Content-Range").flatMap(ContentRange::parse);
            if (range.isPresent() && range.get().first() == from) {
                return new Body(response.body(), from, true, range.get().total());
            }
            response.body().close();
            return get(0, false);
        }
        if (status == 200) {
            return new Body(response.body(), 0, false, response.headers().firstValueAsLong("Content-Length"));
        }
        if (status == 416 && from > 0) {
            // Asked past the end: an empty rest of the file.
            response.body().close();
            return new Body(InputStream.nullInputStream(), from, true, OptionalLong.of(from));
        }
        response.body().close();
        String statusLine = HttpStatus.line(status);
        if (status == 404 || status == 410) {
            throw UnreadableFileException.missing(name(), statusLine);
        }
        throw UnreadableFileException.failed(name(), statusLine, null);
    }

    /** Reads a small file in full. */
    byte[] readAll() {
        try (InputStream in = get(0, false).stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw UnreadableFileException.failed(name(), settings.maskSecrets(location, describe(e)), e);
        }
    }

    /** The URL as messages name it. */
    private String name() {
        return settings.maskSecrets(location, location.masked());
    }

    /** "cannot read 'URL': cause", the password masked wherever it appears. */
    String failure(String cause) {
        String message = "cannot read '" + location.masked() + "': " + cause;
        return settings.maskSecrets(location, message);
    }

    /** A one-line cause for a transport failure. */
    String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        if (String.valueOf(e.getMessage()).startsWith("too many authentication attempts")) {
            // The JDK client's way of saying the server kept answering 401 to our password.
            return HttpStatus.line(401);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "the server did not answer in time";
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "connection refused by " + location.host() + ":" + location.portOrDefault();
        }
        if (e.getCause() instanceof UnresolvedAddressException) {
            return "unknown host " + location.host();
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            // The JDK nests exception class names in the text ("...: sun.security....Exception: ..."): drop them.
            String message = String.valueOf(e.getMessage())
                    .replaceAll("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
            if (message.contains("PKIX") || message.contains("certification path")) {
                return "the server's TLS certificate is not trusted (" + message + ")";
            }
            return "TLS failed: " + message;
        }
        return PortException.reasonOf(root);
    }

    /** A Content-Range header: {@code bytes first-last/total}, the total maybe {@code *}. */
    record ContentRange(long first, OptionalLong total) {
        static Optional<ContentRange> parse(String header) {
            String value = header.trim();
            if (!value.startsWith("bytes ")) {
                return Optional.empty();
            }
            try {
                String spec = value.substring(6).trim();
                int dash = spec.indexOf('-');
                int slash = spec.indexOf('/');
                long first = Long.parseLong(spec.substring(0, dash).trim());
                String total = spec.substring(slash + 1).trim();
                return Optional.of(new ContentRange(first,
                        "*".equals(total) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(total))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
