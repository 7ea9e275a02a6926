package org.bmaptool.app.report;

import java.util.List;

/**
 * Progress events of a copy or a verification: the bytes written so far (for many
 * destinations: the slowest one's, and each destination's own), the phase, what each
 * destination's read-back verified, failures, and the end. Called from the copy's
 * threads, never while the copy holds a lock; implementations throttle themselves and
 * must never block. Every event but {@link #written} and {@link #ended} is optional.
 */
public interface CopyProgress extends AutoCloseable {

    /** Nothing is shown. */
    CopyProgress NONE = new CopyProgress() {
        @Override
        public void written(long bytes) {
        }

        @Override
        public void ended(boolean complete) {
        }
    };

    /** {@code bytes} of the image have been written (or verified) so far. */
    void written(long bytes);

    /** The copy has stopped, complete or not; release what the display holds. */
    void ended(boolean complete);

    /** {@code bytes} have been written to destination number {@code destination} (in the request's order). */
    default void destinationWritten(int destination, long bytes) {
    }

    /** Destination number {@code destination} failed with {@code reason} and was dropped from the copy. */
    default void destinationFailed(int destination, String reason) {
    }

    /** Every destination still going enters {@code next}. */
    default void phase(Phase next) {
    }

    /** The {@link Phase#ZERO} phase zeroes {@code total} bytes of each destination; called before it starts. */
    default void zeroing(long total) {
    }

    /** {@code bytes} of the unmapped ranges of destination number {@code destination} have been zeroed. */
    default void zeroed(int destination, long bytes) {
    }

    /** {@code bytes} of destination number {@code destination} have been read back and verified. */
    default void readBack(int destination, long bytes) {
    }

    /** The whole copy failed with {@code reason}: every destination still going fails with it. */
    default void failedAll(String reason) {
    }

    /** The last word: a display that writes on its own thread finishes here. */
    @Override
    default void close() {
    }

    /** All of {@code listeners}, in order; a live view: listeners added to the list later are called too. */
    static CopyProgress all(List<CopyProgress> listeners) {
        List<CopyProgress> each = listeners;
        return new CopyProgress() {
            @Override
            public void written(long bytes) {
                each.forEach(listener -> listener.written(bytes));
            }

            @Override
            public void ended(boolean complete) {
                each.forEach(listener -> listener.ended(complete));
            }

            @Override
            public void destinationWritten(int destination, long bytes) {
                each.forEach(listener -> listener.destinationWritten(destination, bytes));
            }

            @Override
            public void destinationFailed(int destination, String reason) {
                each.forEach(listener -> listener.destinationFailed(destination, reason));
            }

            @Override
            public void phase(Phase next) {
                each.forEach(listener -> listener.phase(next));
            }

            @Override
            public void zeroing(long total) {
                each.forEach(listener -> listener.zeroing(total));
            }

            @Override
            public void zeroed(int destination, long bytes) {
                each.forEach(listener -> listener.zeroed(destination, bytes));
            }

            @Override
            public void readBack(int destination, long bytes) {
                each.forEach(listener -> listener.readBack(destination, bytes));
            }

            @Override
            public void failedAll(String reason) {
                each.forEach(listener -> listener.failedAll(reason));
            }

            @Override
            public void close() {
                each.forEach(CopyProgress::close);
            }
        };
    }
}
