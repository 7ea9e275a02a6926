package org.bmaptool.app.failure;

/**
 * The application's one error: a use case cannot go on (no bmap found, an option that
 * does not fit the input, a checksum mismatch). The message is one human line in
 * upstream's words where upstream has some. It carries no exit code: the command line
 * maps each kind ({@link UsageError}, {@link Interrupted}, this) to one, in one place.
 */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
