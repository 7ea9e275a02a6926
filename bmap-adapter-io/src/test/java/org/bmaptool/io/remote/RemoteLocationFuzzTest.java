package org.bmaptool.io.remote;

import org.bmaptool.ports.location.Location;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bmaptool.io.OwnErrors;
import org.bmaptool.ports.PortException;

/**
 * URL handling fed arbitrary text: parsing, the URI that goes on the wire, the path a
 * {@code file://} URL names, the bmap names tried beside an image, and the masking of
 * passwords. Parsing may only fail with our own {@link PortException}; what it accepts
 * must be usable without further exceptions; and no password may survive masking, in a
 * parsed URL or in any text that quotes one.
 */
class RemoteLocationFuzzTest {
    /** Characters that end a URL's authority: a password holding one is not a password of that URL. */
    private static final String AUTHORITY_ENDS = "/?# \t'\"";

    @FuzzTest(maxDuration = "1m")
    void urlHandlingFailsOnlyWithItsOwnError(byte[] input) {
        String typed = new String(input, StandardCharsets.UTF_8);
        Location.maskPasswords(typed);
        Location typedLocation = Location.parse(typed);
        try {
            RemoteSources.localPath(typedLocation);
        } catch (PortException expected) {
            assertMessage(expected, typed);
        }
        if (!typedLocation.isUrl()) {
            return;
        }
        RemoteLocation location;
        try {
            location = RemoteLocation.parse(typedLocation);
        } catch (PortException expected) {
            assertMessage(expected, typed);
            return;
        }
        URI wire = location.withoutUserInfo();
        if (wire.getRawUserInfo() != null) {
            throw new AssertionError("user information on the wire: " + wire);
        }
        // The URI the JDK parses must agree with the one parser on the parts that name files.
        URI typedUri = URI.create(typed);
        String uriPath = typedUri.getRawPath() == null || typedUri.getRawPath().isEmpty() ? "/" : typedUri.getRawPath();
        if (!uriPath.equals(location.path()) || !Objects.equals(typedUri.getRawQuery(),
                location.query().orElse(null)) || !location.host().isEmpty() && !Objects.equals(typedUri.getRawUserInfo(),
                typedLocation.user().map(u -> u + typedLocation.password().map(p -> ":" + p).orElse("")).orElse(null))) {
            throw new AssertionError("Location and URI disagree on " + typed + ": " + location);
        }
        location.decodedPath();
        location.portOrDefault();
        location.password().filter(password -> !password.isEmpty()).ifPresent(password -> {
            String raw = rawPassword(typed);
            // A password of stars cannot be told from the mask; one that occurs twice may be
            // shown where it is not a password.
            if (!raw.contains("*") && typed.indexOf(raw) == typed.lastIndexOf(raw) && location.masked().contains(raw)) {
                throw new AssertionError("password '" + raw + "' shown in " + location.masked());
            }
        });
    }

    /**
     * A URL with a password inside arbitrary text: masking must hide it however the text
     * goes on. The input is the text before the URL, the scheme, the user, the password
     * and the text after, separated by NUL characters.
     */
    @FuzzTest(maxDuration = "1m")
    void maskingHidesEveryPassword(byte[] input) {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\0", 5);
        if (parts.length < 5) {
            return;
        }
        String before = parts[0];
        String scheme = parts[1];
        String user = parts[2];
        String password = parts[3];
        String after = parts[4];
        if (password.isEmpty() || password.contains("*") || !only(password, c -> AUTHORITY_ENDS.indexOf(c) < 0 && c != '@')
                || !only(user, c -> AUTHORITY_ENDS.indexOf(c) < 0)) {
            return; // not a password the text can be said to hold
        }
        String text = before + scheme + "://" + user + ":" + password + "@" + after;
        String masked = Location.maskPasswords(text);
        // The password may also be part of the rest ("ftp:tp:@" holds "tp:" twice): one
        // occurrence at least, the password's own, must be gone.
        if (occurrences(masked, password) >= occurrences(text, password)) {
            throw new AssertionError("password '" + password + "' shown in '" + masked + "' (from '" + text + "')");
        }
    }

    /** A message names the URL as typed: one line, unless the user typed a line break into it. */
    private static void assertMessage(PortException e, String typed) {
        if (typed.contains("\n") || typed.contains("\r")) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("no message", e);
            }
        } else {
            OwnErrors.assertOneLineMessage(e);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static String rawPassword(String typed) {
        String userInfo = URI.create(typed).getRawUserInfo();
        return userInfo.substring(userInfo.indexOf(':') + 1);
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean only(String text, CharTest test) {
        for (int i = 0; i < text.length(); i++) {
            if (!test.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
