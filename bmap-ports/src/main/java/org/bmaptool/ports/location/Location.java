package org.bmaptool.ports.location;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where an image, a bmap or a signature is, parsed once from what the user typed: a
 * local path, {@code -} for standard input, or a URL of a scheme bmaptool reads
 * ({@code http}, {@code https}, {@code ftp}, {@code file}, {@code ssh}), split into its
 * scheme, authority (with an optional {@code user:password}), path, query and fragment,
 * each kept raw, percent escapes as typed. Names derived from it ({@link #sibling},
 * {@link #withoutExtension}) change the path only, so a URL's query string (a download
 * token) stays where the server expects it. A final class rather than a record so that
 * no accessor or {@code toString} shows the password: {@link #toString} is {@link #masked}.
 */
public final class Location {
    private static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "file", "ssh");
    private static final String STANDARD_INPUT = "-";

    /** {@code -} as typed; a path derived from another ({@code -.gz} without extension) is a file. */
    private final boolean standardInput;
    /** {@code scheme://authority} as typed; null for a path or standard input. */
    private final String prefix;
    private final String scheme;
    private final String userInfo;
    private final String hostAndPort;
    /** The path: as typed for a local path, raw (maybe empty) for a URL. */
    private final String path;
    private final String query;
    private final String fragment;

    private Location(boolean standardInput, String prefix, String scheme, String userInfo, String hostAndPort,
                     String path, String query, String fragment) {
        this.standardInput = standardInput;
        this.prefix = prefix;
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.hostAndPort = hostAndPort;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
    }

    /**
     * Parses what the user typed. Never fails: whether a URL is well-formed for the wire
     * is for the adapter that opens it to say; here it only matters where its parts are.
     */
    public static Location parse(String typed) {
        Objects.requireNonNull(typed, "typed");
        int separator = typed.indexOf("://");
        if (separator <= 0 || !SCHEMES.contains(typed.substring(0, separator).toLowerCase(Locale.ROOT))) {
            return new Location(STANDARD_INPUT.equals(typed), null, null, null, null, typed, null, null);
        }
        int authorityStart = separator + 3;
        int authorityEnd = firstOf(typed, "/?#", authorityStart);
        String authority = typed.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        int queryStart = firstOf(typed, "?#", authorityEnd);
        int fragmentStart = typed.indexOf('#', authorityEnd);
        String query = queryStart < typed.length() && typed.charAt(queryStart) == '?'
                ? typed.substring(queryStart + 1, fragmentStart < 0 ? typed.length() : fragmentStart) : null;
        String scheme = typed.substring(0, separator).toLowerCase(Locale.ROOT);
        return new Location(false, typed.substring(0, authorityEnd), scheme,
                at < 0 ? null : authority.substring(0, at), authority.substring(at + 1),
                typed.substring(authorityEnd, queryStart), query,
                fragmentStart < 0 ? null : typed.substring(fragmentStart + 1));
    }

    private static int firstOf(String text, String stops, int from) {
        for (int i = from; i < text.length(); i++) {
            if (stops.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** Whether this is a URL (of a scheme bmaptool reads), rather than a path or standard input. */
    public boolean isUrl() {
        return prefix != null;
    }

    /** Whether this is {@code -}, standard input. */
    public boolean isStandardInput() {
        return standardInput;
    }

    /** The URL's scheme in lower case; empty for a path or standard input. */
    public Optional<String> scheme() {
        return Optional.ofNullable(scheme);
    }

    /** The user of a URL, raw (percent escapes as typed); empty when it names none. */
    public Optional<String> user() {
        return Optional.ofNullable(userInfo).map(info -> info.indexOf(':') < 0 ? info : info.substring(0, info.indexOf(':')));
    }

    /** The password of a URL, raw; empty when it has none. Never to be shown: see {@link #masked}. */
    public Optional<String> password() {
        return Optional.ofNullable(userInfo).filter(info -> info.indexOf(':') >= 0)
                .map(info -> info.substring(info.indexOf(':') + 1));
    }

    /** The host and port of a URL as typed ({@code h}, {@code h:8080}, {@code [::1]:80}); empty for a path. */
    public Optional<String> hostAndPort() {
        return Optional.ofNullable(hostAndPort);
    }

    /** The path: as typed for a local path ({@code -} for standard input), raw and maybe empty for a URL. */
    public String path() {
        return path;
    }

    /** A URL's query, without its {@code ?}; empty when there is none. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /** A URL's fragment, without its {@code #}; empty when there is none. It is never sent to a server. */
    public Optional<String> fragment() {
        return Optional.ofNullable(fragment);
    }

    /** The text to open: what the user typed (or the derived name), password included. */
    public String text() {
        return prefix == null ? path : prefix + path + (query == null ? "" : "?" + query)
                + (fragment == null ? "" : "#" + fragment);
    }

    /** The last component of the path: {@code disk.img.gz} of {@code http://h/d/disk.img.gz?t=1}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The location whose path is this one's plus {@code suffix}, the rest unchanged:
     * {@code http://h/disk.img.bmap.asc?token=abc} beside {@code http://h/disk.img.bmap?token=abc}.
     *
     * @throws IllegalStateException for standard input, which has nothing beside it
     */
    public Location sibling(String suffix) {
        if (isStandardInput()) {
            throw new IllegalStateException("standard input has no sibling files");
        }
        // "http://h" + ".bmap" would change the host: a URL's empty path is "/".
        String base = prefix != null && path.isEmpty() ? "/" : path;
        return new Location(false, prefix, scheme, userInfo, hostAndPort, base + suffix, query, fragment);
    }

    /**
     * The location without the last extension of its file name, cut as Python's
     * {@code os.path.splitext} cuts it (upstream bmaptool's rule): the last dot of the
     * file name and what follows, unless only dots come before it ({@code .bashrc} has no
     * extension). The same location when there is none, and for standard input.
     */
    public Location withoutExtension() {
        if (isStandardInput()) {
            return this;
        }
        int start = path.lastIndexOf('/') + 1;
        int dot = path.lastIndexOf('.');
        if (dot <= start) {
            return this;
        }
        for (int i = start; i < dot; i++) {
            if (path.charAt(i) != '.') {
                return new Location(false, prefix, scheme, userInfo, hostAndPort, path.substring(0, dot), query, fragment);
            }
        }
        return this;
    }

    /** How messages name this location: {@link #text} with a URL's password shown as {@code ***}. */
    public String masked() {
        if (prefix == null || password().isEmpty()) {
            return text();
        }
        String typedScheme = prefix.substring(0, prefix.indexOf("://"));
        return typedScheme + "://" + user().orElseThrow() + ":***@" + hostAndPort + text().substring(prefix.length());
    }

    /**
     * {@code text} (a URL, or a message that quotes URLs) with the password of every
     * {@code scheme://user:password@host} in it replaced by {@code ***}: for messages of
     * libraries that quote a URL on their own.
     */
    public static String maskPasswords(String text) {
        // Every "://" may start a URL, also one inside what looked like the authority of
        // another ("x://a:b://u:pw@h"): each password found is replaced, overlaps merged.
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int scheme = text.indexOf("://"); scheme >= 0; scheme = text.indexOf("://", scheme + 1)) {
            int authorityStart = scheme + 3;
            int authorityEnd = firstOf(text, "/?# \t'\"", authorityStart);
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Location && ((Location) other).text().equals(text())
                && ((Location) other).standardInput == standardInput;
    }

    @Override
    public int hashCode() {
        return text().hashCode() + (standardInput ? 1 : 0);
    }

    /** The masked text: a location may end up in a log line, its password must not. */
    @Override
    public String toString() {
        return masked();
    }
}
