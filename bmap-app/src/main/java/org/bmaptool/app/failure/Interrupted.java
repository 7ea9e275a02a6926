package org.bmaptool.app.failure;

/**
 * A use case stopped by SIGINT or SIGTERM (or an interrupt of its thread) before it was
 * done: the message says what is left incomplete. The shell's convention for Ctrl-C is
 * the command line's to apply.
 */
public final class Interrupted extends CommandException {
    private static final long serialVersionUID = 1L;

    public Interrupted(String message, Throwable cause) {
        super(message, cause);
    }
}
