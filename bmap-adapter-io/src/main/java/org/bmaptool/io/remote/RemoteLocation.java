package org.bmaptool.io.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bmaptool.ports.PortException;

/**
 * A URL the user typed for an image or a bmap, taken apart: the user and password it may
 * carry are kept out of every name shown ({@link #masked()}), and the URI without them is
 * what goes on the wire.
 */
public record RemoteLocation(String scheme, Optional<String> user, Optional<String> password, String host, int port,
                             String path, Optional<String> query, String typed) {

    private static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "file", "ssh");

    /** Whether {@code location} is a URL of a scheme we read, rather than a local path. */
    public static boolean isUrl(String location) {
        int colon = location.indexOf("://");
        return colon > 0 && SCHEMES.contains(location.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** Parses a typed URL; a malformed one is a {@link PortException} naming it, masked. */
    public static RemoteLocation parse(String typed) {
        URI uri;
        try {
            uri = new URI(typed);
        } catch (URISyntaxException e) {
            throw new PortException("'" + mask(typed) + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        // The host as the address it names: URI keeps an IPv6 literal's brackets, which
        // every use (the URI sent, SSH, FTP, .netrc, proxies) adds back only where needed.
        String host = uri.getHost() == null ? "" : uri.getHost().replaceFirst("^\\[(.*)]$", "$1");
        if (host.isEmpty() && !"file".equals(scheme)) {
            throw new PortException("'" + mask(typed) + "' is not a valid URL: no host name");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new RemoteLocation(scheme, user, password, host, uri.getPort(), path,
                Optional.ofNullable(uri.getRawQuery()), typed);
    }

    /** The URL as shown in messages: any password replaced by {@code ***}. */
    public String masked() {
        String masked = mask(typed);
        if (password.isEmpty()) {
            return masked;
        }
        // mask() reads any text and stops at a quote, which a user name may hold
        // ("o'brien:pw@h"); the parsed URL knows exactly where its password is.
        String userInfo = URI.create(typed).getRawUserInfo();
        return masked.replace("//" + userInfo + "@",
                "//" + userInfo.substring(0, userInfo.indexOf(':') + 1) + "***@");
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

    /**
     * Replaces the password of a {@code scheme://user:password@host} URL inside any text
     * (a URL, or an error message that quotes one) by {@code ***}.
     */
    public static String mask(String text) {
        // Every "://" may start a URL, also one inside what looked like the authority of
        // another ("x://a:b://u:pw@h"): each password found is replaced, overlaps merged.
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int scheme = text.indexOf("://"); scheme >= 0; scheme = text.indexOf("://", scheme + 1)) {
            int authorityStart = scheme + 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < text.length() && "/?# \t'\"".indexOf(text.charAt(authorityEnd)) < 0) {
                authorityEnd++;
            }
            String authority = text.substring(authorityStart, authorityEnd);
            int at = authority.lastIndexOf('@');
            int colon = at < 0 ? -1 : authority.indexOf(':');
            int passwordEnd = authorityStart + at;
            if (colon < 0 || colon >= at || passwordEnd <= from) {
                continue;
            }
            int passwordStart = Math.max(from, authorityStart + colon + 1);
            out.append(text, from, passwordStart).append("***");
            from = passwordEnd;
        }
        return out.append(text.substring(from)).toString();
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
