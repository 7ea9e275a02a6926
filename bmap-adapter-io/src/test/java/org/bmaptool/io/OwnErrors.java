package org.bmaptool.io;

import org.bmaptool.ports.PortException;

/** What the fuzz tests accept as a failure: our own error with one line of message. */
public final class OwnErrors {

    private OwnErrors() {
    }

    /** Fails unless {@code e} has a message of one non-blank line. */
    public static void assertOneLineMessage(PortException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.contains("\n") || message.contains("\r")) {
            throw new AssertionError("not a one-line message: " + message, e);
        }
    }
}
