package org.bmaptool.app;

/**
 * The application layer's one error: a use case cannot go on (no bmap found, an option
 * that does not fit the input, an interrupted copy). The message is one human line; the
 * exit code says how the command ended.
 */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code of an operational failure. */
    public static final int FAILED = 1;
    /** Exit code of a copy stopped by SIGINT or SIGTERM, as a shell reports Ctrl-C. */
    public static final int INTERRUPTED = 130;

    private final int exitCode;

    public CommandException(String message) {
        this(message, FAILED, null);
    }

    public CommandException(String message, Throwable cause) {
        this(message, FAILED, cause);
    }

    public CommandException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
