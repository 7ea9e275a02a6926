package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentProxiesTest {

    private static Optional<URI> proxy(Map<String, String> environment, String url) {
        return new EnvironmentProxies(environment).proxyFor(URI.create(url));
    }

    @Test
    void eachSchemeHasItsOwnVariableLowerCaseFirst() {
        Map<String, String> env = Map.of("http_proxy", "http://p1:3128", "HTTP_PROXY", "http://ignored:1",
                "HTTPS_PROXY", "p2:8080", "ftp_proxy", "http://p3:21");
        assertEquals(Optional.of(URI.create("http://p1:3128")), proxy(env, "http://h/a"));
        assertEquals(Optional.of(URI.create("http://p2:8080")), proxy(env, "https://h/a"));
        assertEquals(Optional.of(URI.create("http://p3:21")), proxy(env, "ftp://h/a"));
        assertEquals(Optional.empty(), proxy(Map.of(), "http://h/a"));
    }

    @Test
    void noProxyMatchesHostsDomainsPortsAndStar() {
        Map<String, String> env = Map.of("http_proxy", "http://p:3128",
                "no_proxy", "localhost, .internal.example, example.org, 10.1.2.3, h:8080");
        assertEquals(Optional.empty(), proxy(env, "http://localhost/a"));
        assertEquals(Optional.empty(), proxy(env, "http://a.internal.example/a"));
        assertEquals(Optional.empty(), proxy(env, "http://www.example.org/a"));
        assertEquals(Optional.empty(), proxy(env, "http://10.1.2.3/a"));
        assertEquals(Optional.empty(), proxy(env, "http://h:8080/a"));
        assertEquals(Optional.of(URI.create("http://p:3128")), proxy(env, "http://h:9090/a"));
        assertEquals(Optional.of(URI.create("http://p:3128")), proxy(env, "http://notexample.org/a"));
        assertEquals(Optional.empty(), proxy(Map.of("http_proxy", "p:1", "no_proxy", "*"), "http://any/a"));
    }

    @Test
    void proxyCredentialsComeFromTheProxyUrl() {
        EnvironmentProxies proxies = new EnvironmentProxies(Map.of("https_proxy", "http://joe:pw@p:3128"));
        assertEquals(Optional.of(new Credentials("joe", "pw")), proxies.credentialsFor("p", 3128));
        assertEquals(Optional.empty(), proxies.credentialsFor("p", 80));
    }
}
