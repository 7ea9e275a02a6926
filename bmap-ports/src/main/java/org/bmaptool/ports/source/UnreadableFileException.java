package org.bmaptool.ports.source;

import org.bmaptool.ports.PortException;

/**
 * A small file (a bmap, a signature) that could not be read, with what went wrong apart
 * from its name, so that a caller can name the file in its own words
 * ({@code cannot open bmap file 'URL': HTTP 404 Not Found}), and whether it is simply
 * not there, which bmap and signature discovery take as "try the next name". The message
 * alone reads {@code cannot read 'NAME': REASON}.
 */
public final class UnreadableFileException extends PortException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String reason;
    private final boolean missing;

    private UnreadableFileException(String name, String reason, boolean missing, Throwable cause) {
        super("cannot read '" + name + "': " + reason, cause);
        this.name = name;
        this.reason = reason;
        this.missing = missing;
    }

    /** There is no file at {@code name}: {@code reason} says who said so ("no such file", "HTTP 404 Not Found"). */
    public static UnreadableFileException missing(String name, String reason) {
        return new UnreadableFileException(name, reason, true, null);
    }

    /** The file at {@code name} may be there but cannot be read (refused, a broken connection, an I/O error). */
    public static UnreadableFileException failed(String name, String reason, Throwable cause) {
        return new UnreadableFileException(name, reason, false, cause);
    }

    /** The file's name as messages show it (a URL's password masked). */
    public String name() {
        return name;
    }

    /** What went wrong, without the name: {@code HTTP 403 Forbidden}, {@code no such file}. */
    public String reason() {
        return reason;
    }

    /** Whether the file is not there (as opposed to there but unreadable). */
    public boolean missing() {
        return missing;
    }
}
