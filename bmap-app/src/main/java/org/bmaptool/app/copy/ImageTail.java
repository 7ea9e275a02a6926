package org.bmaptool.app.copy;

import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.bmaptool.app.pipeline.Cancelled;
import org.bmaptool.ports.source.ImageSource;

/**
 * The rest of the image after the copy's last read, read to its end on a thread of its
 * own while the destinations sync ({@link ImageSource#readToEnd}): a compressed image's
 * checks at its end (trailer CRC and length, end marks, nothing after them) are made
 * although the bmap needs nothing past its last mapped block, so a corrupt image never
 * passes silently, and the time it takes hides behind the final sync. Sources with
 * nothing to check there end at once.
 */
final class ImageTail {
    /** What {@link #await} found: the image's real size when the read found its end, or the failure. */
    record Outcome(OptionalLong size, RuntimeException failure) {
    }

    private final ImageSource image;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Outcome outcome;
    private volatile boolean cancelled;

    ImageTail(ImageSource image) {
        this.image = image;
    }

    /** Starts reading from where the copy stopped; {@code imageEnd} as {@link ImageSource#readToEnd} takes it. */
    void start(long imageEnd) {
        Thread reader = new Thread(() -> {
            try {
                outcome = new Outcome(image.readToEnd(imageEnd), null);
            } catch (RuntimeException e) {
                // A decoder's failure is a PortException naming the file and the offset.
                outcome = new Outcome(OptionalLong.empty(), e);
            } finally {
                done.countDown();
            }
        }, "bmaptool-image-tail");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits for the read to end.
     *
     * @throws Cancelled when {@link #cancel()} was called (a signal), or the
     *     waiting thread was interrupted: a read from a pipe may never end otherwise
     */
    Outcome await() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        if (cancelled) {
            throw new Cancelled();
        }
        return outcome;
    }

    /** Lets {@link #await} return at once; the reading thread, a daemon, is left to the image's close. */
    void cancel() {
        cancelled = true;
        done.countDown();
    }
}
