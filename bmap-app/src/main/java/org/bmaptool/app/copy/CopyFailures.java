package org.bmaptool.app.copy;

import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.pipeline.StageFailure;
import org.bmaptool.ports.PortException;

/**
 * The copy's words for the pipeline's failures: which blocks of the image could not be
 * read or did not match their checksum, which blocks of which destination could not be
 * written, which destination could not be synced. The sentences are upstream's, so
 * scripts that read them keep working.
 */
final class CopyFailures {

    private CopyFailures() {
    }

    static RuntimeException explain(StageFailure failure) {
        String blocks = failure.firstBlock() + "-" + failure.lastBlock();
        return switch (failure.stage()) {
            case READ -> new CommandException("error while reading blocks " + blocks + " of the image file '"
                    + failure.image() + "': " + PortException.reasonOf(failure.getCause()), failure.getCause());
            case VERIFY -> new CommandException("checksum mismatch for blocks range " + blocks + ": calculated "
                    + failure.computed() + ", should be " + failure.expected() + " (image file " + failure.image() + ")");
            case WRITE -> new CommandException("error while writing blocks " + blocks + " of '"
                    + destination(failure) + "': " + PortException.reasonOf(failure.getCause()), failure.getCause());
            case SYNC -> new CommandException("cannot synchronize '" + destination(failure) + "': "
                    + PortException.reasonOf(failure.getCause()), failure.getCause());
        };
    }

    private static String destination(StageFailure failure) {
        return failure.destination().orElseThrow().name();
    }
}
