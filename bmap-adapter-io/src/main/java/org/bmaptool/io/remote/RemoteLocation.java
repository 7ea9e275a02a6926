package org.bmaptool.io.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;

/**
 * A URL the user typed for an image or a bmap, made ready for the wire: the
 * {@link Location} says where its parts are; this checks that it is a URL the JDK's
 * clients take and decodes its user, password and host. The user and password are kept
 * out of every name shown ({@link #masked()}), and the URI without them is what goes on
 * the wire.
 */
public record RemoteLocation(String scheme, Optional<String> user, Optional<String> password, String host, int port,
                             String path, Optional<String> query, Location location) {

    /**
     * Checks and decodes a URL; a malformed one is a {@link PortException} naming it, masked.
     *
     * @throws IllegalArgumentException when {@code location} is not a URL at all
     */
    public static RemoteLocation parse(Location location) {
        if (!location.isUrl()) {
            throw new IllegalArgumentException("not a URL: " + location);
        }
        URI uri;
        try {
            uri = new URI(location.text());
        } catch (URISyntaxException e) {
            throw new PortException("'" + location.masked() + "' is not a valid URL: " + e.getReason());
        }
        String scheme = location.scheme().orElseThrow();
        // The host as the address it names: URI keeps an IPv6 literal's brackets, which
        // every use (the URI sent, SSH, FTP, .netrc, proxies) adds back only where needed.
        String host = uri.getHost() == null ? "" : uri.getHost().replaceFirst("^\\[(.*)]$", "$1");
        if (host.isEmpty() && !"file".equals(scheme)) {
            throw new PortException("'" + location.masked() + "' is not a valid URL: no host name");
        }
        // URI agrees with the Location on the user information once it found a host; the
        // parts that name other files (path, query) come from the Location, the one parser.
        String path = location.path().isEmpty() ? "/" : location.path();
        return new RemoteLocation(scheme, location.user().map(RemoteLocation::decode),
                location.password().map(RemoteLocation::decode), host, uri.getPort(), path, location.query(), location);
    }

    /** The URL as shown in messages: any password replaced by {@code ***}. */
    public String masked() {
        return location.masked();
    }

    /** The URI to request: no user information, path and query as typed. */
    public URI withoutUserInfo() {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + authority + (port < 0 ? "" : ":" + port) + path
                + query.map(q -> "?" + q).orElse(""));
    }

    /** The path with percent escapes decoded, as a server's file system names it. */
    public String decodedPath() {
        // Not URI.create("x:" + path): a path that starts with "//" would read as an authority.
        return decode(path);
    }

    /** The port, or the scheme's default when the URL names none. */
    public int portOrDefault() {
        if (port >= 0) {
            return port;
        }
        switch (scheme) {
            case "https":
                return 443;
            case "ftp":
                return 21;
            case "ssh":
                return 22;
            default:
                return 80;
        }
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
