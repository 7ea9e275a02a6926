package org.bmaptool.io.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bmaptool.ports.location.Location;

/**
 * The proxies the standard environment variables name, as curl and Python's urllib read
 * them: {@code http_proxy}, {@code https_proxy}, {@code ftp_proxy} (lower case first, then
 * upper case) and {@code no_proxy}, a comma-separated list of host names, domain suffixes
 * ({@code .example.com} or {@code example.com}), addresses, optionally with a port, or
 * {@code *} for every host. Every proxy is an HTTP proxy, an {@code ftp://} URL included.
 */
public final class EnvironmentProxies extends ProxySelector {
    private final Map<String, String> environment;

    public EnvironmentProxies(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public List<Proxy> select(URI uri) {
        return List.of(proxyFor(uri).map(EnvironmentProxies::asProxy).orElse(Proxy.NO_PROXY));
    }

    /** The proxy URL for {@code uri}, or empty to connect directly. */
    public Optional<URI> proxyFor(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<String> proxy = variable(scheme + "_proxy");
        if (proxy.isEmpty() || bypasses(uri.getHost(), uri.getPort())) {
            return Optional.empty();
        }
        String value = proxy.get().contains("://") ? proxy.get() : "http://" + proxy.get();
        try {
            return Optional.of(URI.create(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The user and password in the proxy URL, for a proxy that asks for them. */
    public Optional<Credentials> credentialsFor(String proxyHost, int proxyPort) {
        for (String scheme : List.of("http", "https", "ftp")) {
            Optional<RemoteLocation> proxy = variable(scheme + "_proxy")
                    .map(v -> v.contains("://") ? v : "http://" + v)
                    .flatMap(EnvironmentProxies::parseQuietly);
            if (proxy.isPresent() && proxy.get().host().equalsIgnoreCase(proxyHost)
                    && proxy.get().portOrDefault() == proxyPort && proxy.get().user().isPresent()) {
                return Optional.of(new Credentials(proxy.get().user().get(), proxy.get().password().orElse("")));
            }
        }
        return Optional.empty();
    }

    private boolean bypasses(String host, int port) {
        if (host == null) {
            return true;
        }
        String name = stripBrackets(host.toLowerCase(Locale.ROOT));
        for (String raw : variable("no_proxy").orElse("").split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if ("*".equals(entry)) {
                return true;
            }
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                if (port >= 0 && port != Integer.parseInt(entry.substring(colon + 1))) {
                    continue;
                }
                entry = entry.substring(0, colon);
            }
            entry = stripBrackets(entry);
            String domain = entry.startsWith(".") ? entry.substring(1) : entry;
            if (name.equals(domain) || name.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private Optional<String> variable(String name) {
        List<String> names = new ArrayList<>(List.of(name, name.toUpperCase(Locale.ROOT)));
        for (String n : names) {
            String value = environment.get(n);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    private static Proxy asProxy(URI proxy) {
        int port = proxy.getPort() >= 0 ? proxy.getPort() : "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHost(), port));
    }

    private static Optional<RemoteLocation> parseQuietly(String url) {
        try {
            return Optional.of(RemoteLocation.parse(Location.parse(url)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
        // Nothing to remember: the request fails and says why.
    }
}
