package org.bmaptool.app.pipeline;

import java.util.Optional;
import org.bmaptool.ports.destination.Destination;

/**
 * A failure of one stage of the pipeline, as facts rather than a sentence: which stage,
 * which blocks, which destination (for a write or a sync), the image's name, the
 * checksums that differ (for a verification) and the cause. The use case turns it into
 * the user's message (the pipeline's {@code explain} function), so the wording stays
 * with the command that owns it.
 */
public final class StageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stage that failed. */
    public enum Stage { READ, VERIFY, WRITE, SYNC }

    private final Stage stage;
    private final String image;
    private final long firstBlock;
    private final long lastBlock;
    private final transient Destination destination;
    private final String computed;
    private final String expected;

    private StageFailure(Stage stage, String image, long firstBlock, long lastBlock, Destination destination,
                         String computed, String expected, RuntimeException cause) {
        super(stage + " failed", cause, false, false);
        this.stage = stage;
        this.image = image;
        this.firstBlock = firstBlock;
        this.lastBlock = lastBlock;
        this.destination = destination;
        this.computed = computed;
        this.expected = expected;
    }

    static StageFailure read(String image, long firstBlock, long lastBlock, RuntimeException cause) {
        return new StageFailure(Stage.READ, image, firstBlock, lastBlock, null, null, null, cause);
    }

    static StageFailure mismatch(String image, Span span, String computed, String expected) {
        return new StageFailure(Stage.VERIFY, image, span.firstBlock(), span.lastBlock(), null, computed, expected,
                null);
    }

    static StageFailure write(Destination destination, long firstBlock, long lastBlock, RuntimeException cause) {
        return new StageFailure(Stage.WRITE, null, firstBlock, lastBlock, destination, null, null, cause);
    }

    static StageFailure sync(Destination destination, RuntimeException cause) {
        return new StageFailure(Stage.SYNC, null, -1, -1, destination, null, null, cause);
    }

    public Stage stage() {
        return stage;
    }

    /** The image's name, for a read or a verification. */
    public String image() {
        return image;
    }

    public long firstBlock() {
        return firstBlock;
    }

    public long lastBlock() {
        return lastBlock;
    }

    /** The destination that failed, for a write or a sync. */
    public Optional<Destination> destination() {
        return Optional.ofNullable(destination);
    }

    /** The checksum the verification computed. */
    public String computed() {
        return computed;
    }

    /** The checksum the bmap gives. */
    public String expected() {
        return expected;
    }

    /** The port's failure behind a read, a write or a sync. */
    @Override
    public RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
