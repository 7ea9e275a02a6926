package org.bmaptool.app.copy;

import java.util.List;

/**
 * Where the engine reports how far a copy has come: the bytes written so far, called
 * from a writer thread after each write (for many destinations: the slowest one's bytes,
 * and each destination's own), and once more when the copy ends. Listeners throttle
 * themselves and must never block the copy.
 */
public interface CopyProgress {

    /** Nothing is shown. */
    CopyProgress NONE = new CopyProgress() {
        @Override
        public void written(long bytes) {
        }

        @Override
        public void ended(boolean complete) {
        }
    };

    /** {@code bytes} of the image have been written so far. */
    void written(long bytes);

    /** The copy has stopped, complete or not; release what the display holds. */
    void ended(boolean complete);

    /** {@code bytes} have been written to destination number {@code destination} (in the job's order). */
    default void destinationWritten(int destination, long bytes) {
    }

    /** Destination number {@code destination} failed with {@code reason} and was dropped from the copy. */
    default void destinationFailed(int destination, String reason) {
    }

    /** All of {@code listeners}, in order. */
    static CopyProgress all(List<CopyProgress> listeners) {
        return new CopyProgress() {
            @Override
            public void written(long bytes) {
                listeners.forEach(listener -> listener.written(bytes));
            }

            @Override
            public void ended(boolean complete) {
                listeners.forEach(listener -> listener.ended(complete));
            }

            @Override
            public void destinationWritten(int destination, long bytes) {
                listeners.forEach(listener -> listener.destinationWritten(destination, bytes));
            }

            @Override
            public void destinationFailed(int destination, String reason) {
                listeners.forEach(listener -> listener.destinationFailed(destination, reason));
            }
        };
    }
}
