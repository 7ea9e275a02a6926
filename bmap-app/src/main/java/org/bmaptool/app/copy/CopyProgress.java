package org.bmaptool.app.copy;

import java.util.List;

/**
 * Where the engine reports how far a copy has come: the bytes written so far, called
 * from the writer thread after each write, and once more when the copy ends. Listeners
 * throttle themselves and must never block the copy.
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
        };
    }
}
