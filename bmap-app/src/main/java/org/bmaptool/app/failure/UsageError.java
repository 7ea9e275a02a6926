package org.bmaptool.app.failure;

/**
 * An option value that a use case found malformed once it parsed it (a fingerprint that
 * is not one): a usage error like the parser's own, told as such.
 */
public final class UsageError extends CommandException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
