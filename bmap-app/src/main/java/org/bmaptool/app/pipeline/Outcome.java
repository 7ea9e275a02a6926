package org.bmaptool.app.pipeline;

import java.util.List;
import java.util.Optional;
import org.bmaptool.ports.destination.Destination;

/**
 * What was copied: bytes written (to the destinations that did not fail) and blocks read,
 * counted as upstream counts them, and each destination's result in the job's order.
 */
public record Outcome(long bytesWritten, long blocksRead, List<Written> destinations) {

    /**
     * How one destination fared: the bytes written to it, the nanoseconds from the start
     * to its last write, and the error that dropped it, if one did.
     */
    public record Written(Destination destination, long bytes, long nanos, Optional<RuntimeException> failure) {
    }
}
