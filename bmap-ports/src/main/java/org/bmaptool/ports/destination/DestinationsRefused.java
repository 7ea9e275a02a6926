package org.bmaptool.ports.destination;

import java.util.List;
import org.bmaptool.ports.PortException;

/**
 * {@link Destinations#openAll} refused at least one destination and opened none: one
 * line per refusal, and what the undoing could not do (a file it created that it could
 * not remove), for the application to print as errors and warnings.
 */
public final class DestinationsRefused extends PortException {
    private static final long serialVersionUID = 1L;

    private final List<String> refusals;
    private final List<String> warnings;

    public DestinationsRefused(int requested, List<String> refusals, List<String> warnings) {
        super((refusals.size() == 1 ? "a destination was" : refusals.size() + " destinations were")
                + " refused: nothing was written to any of the " + requested + " destinations");
        this.refusals = List.copyOf(refusals);
        this.warnings = List.copyOf(warnings);
    }

    /** Why each refused destination was refused, one line each. */
    public List<String> refusals() {
        return refusals;
    }

    /** What could not be undone, one line each. */
    public List<String> warnings() {
        return warnings;
    }

    /** Closes every one of {@code opened}; what fails to close is added to {@code refused}. */
    static void closeAll(List<Destination> opened, DestinationsRefused refused) {
        for (Destination destination : opened) {
            try {
                destination.close();
            } catch (RuntimeException e) {
                refused.addSuppressed(e);
            }
        }
    }
}
