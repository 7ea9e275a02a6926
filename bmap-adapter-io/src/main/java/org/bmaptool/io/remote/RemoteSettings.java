package org.bmaptool.io.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bmaptool.ports.location.Location;

/**
 * What remote reads depend on outside the URL: the home folder (for {@code .netrc} and
 * {@code .ssh}), the environment (for proxies), and how a dropped download is retried.
 *
 * @param retries how many times in a row a dropped transfer is resumed without progress
 * @param retryPause the pause before the first retry; it doubles with each further one
 */
public record RemoteSettings(Path home, Map<String, String> environment, int retries, Duration retryPause,
                             Duration connectTimeout) {

    /** The user's home and environment, three retries from one second on. */
    public static RemoteSettings ofSystem() {
        return new RemoteSettings(Path.of(System.getProperty("user.home")), System.getenv(), 3,
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The credentials for a location: the URL's own, else {@code ~/.netrc}'s for its host. */
    Optional<Credentials> credentialsFor(RemoteLocation location) {
        return credentialsFor(location, location.host());
    }

    /**
     * The credentials for {@code host} when reading {@code location}: the URL's own for its
     * host (a password missing from the URL comes from {@code ~/.netrc} when the login
     * matches), else {@code ~/.netrc}'s for that host. A host a redirect leads to gets only
     * its own netrc entry, never the URL's password.
     */
    Optional<Credentials> credentialsFor(RemoteLocation location, String host) {
        Optional<Credentials> netrc = Netrc.load(home.resolve(".netrc")).forHost(host);
        if (location.user().isEmpty() || !location.host().equalsIgnoreCase(host)) {
            return netrc;
        }
        String user = location.user().get();
        if (location.password().isPresent()) {
            return Optional.of(new Credentials(user, location.password().get()));
        }
        return Optional.of(netrc.filter(c -> c.user().equals(user)).orElse(new Credentials(user, "")));
    }

    /**
     * {@code text} with URL passwords masked and, in case a library quoted it on its own,
     * the location's password too (when it is long enough not to be an ordinary word part).
     */
    String maskSecrets(RemoteLocation location, String text) {
        String masked = Location.maskPasswords(text);
        Optional<String> password = location.password();
        if (password.isPresent() && password.get().length() >= 3) {
            masked = masked.replace(password.get(), "***");
        }
        return masked;
    }
}
