package org.bmaptool.app.common;

/**
 * Ctrl-C and SIGTERM, as a use case sees them: it runs the part that writes through
 * {@link #guard}, which calls {@code cancel} (from another thread, any time) when a
 * signal comes. Whatever {@code body} then ends with, the implementation reports it and
 * ends the process; the command line implements it over a JVM shutdown hook.
 */
public interface Interruptions {

    /** No signal handling (tests). */
    Interruptions NONE = (cancel, body) -> body.run();

    /** Runs {@code body}; on a signal meanwhile, {@code cancel} is called and the process ends once {@code body} does. */
    void guard(Runnable cancel, Runnable body);
}
