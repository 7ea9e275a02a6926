package org.bmaptool.app.pipeline;

/** Thrown when a copy was cancelled (a signal): the use case tells the user what is left undone. */
public final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Cancelled() {
        super("the copy was cancelled", null, false, false);
    }
}
