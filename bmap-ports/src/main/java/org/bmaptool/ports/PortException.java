package org.bmaptool.ports;

import java.util.Optional;

/**
 * The one error every adapter throws through a port: something outside the program
 * failed or refused (a file, a device, a server, a key). Usually the message is one
 * human line that names the thing and the cause. A failure of a read or write in the
 * middle of a copy is made by {@link #of(String, Throwable)} instead: its message is the
 * cause alone and {@link #subject()} names the thing, so that the caller can say it in
 * its own words ({@code error while writing blocks 3-9 of '/dev/sdb': Input/output error}).
 * Ports never throw checked exceptions, so a caller catches this one type.
 */
public class PortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The thing a bare message is about; null when the message names it itself. */
    private final String subject;

    public PortException(String message) {
        super(message);
        this.subject = null;
    }

    public PortException(String message, Throwable cause) {
        super(message, cause);
        this.subject = null;
    }

    private PortException(String subject, String reason, Throwable cause) {
        super(reason, cause);
        this.subject = subject;
    }

    /**
     * A failure of {@code subject} (a destination's path, an image's masked name) whose
     * message is {@link #reasonOf reasonOf(cause)} and nothing else: the adapters wrap
     * their {@code IOException}s so, keeping the words the JDK or the library gave.
     */
    public static PortException of(String subject, Throwable cause) {
        return new PortException(subject, reasonOf(cause), cause);
    }

    /** A failure of {@code subject} said as {@code reason} (without the subject's name). */
    public static PortException of(String subject, String reason, Throwable cause) {
        return new PortException(subject, reason, cause);
    }

    /**
     * The thing this failure is about when the message does not name it (made by
     * {@link #of}); empty when the message is a whole line that does.
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * What a failure says: its message or, when it has none, the simple name of its class
     * ({@code EOFException}). The one place that rule lives.
     */
    public static String reasonOf(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
