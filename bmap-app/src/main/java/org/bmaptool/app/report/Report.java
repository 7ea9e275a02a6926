package org.bmaptool.app.report;

import java.io.OutputStream;
import java.util.List;

/**
 * The reporting port: how the use cases speak to the user without knowing where to. They
 * call it for upstream-style lines ({@code info}, {@code warning}, {@code error},
 * {@code debug}) and for the progress of a copy or a verification; the command line
 * implements it on the terminal (a bar, {@code bmaptool: info:} lines, {@code --quiet},
 * {@code --debug}), as JSON lines and to psplash. Implementations must not block the
 * caller for long: progress is called from the copy's writer threads.
 */
public interface Report {

    void info(String message);

    void warning(String message);

    void error(String message);

    void debug(String message);

    /** Whether debug lines are shown ({@code --debug}). */
    boolean debugging();

    /** Where a command's product goes when it has no file of its own: a bmap to standard output. */
    OutputStream output();

    /**
     * The progress display of a copy of {@code total} bytes to {@code destinations}, as
     * {@code plan} asks; {@code totalKnown} false when the copy's size is only learnt at
     * its end (an image streamed without a bmap). Opened once the destinations are open.
     */
    CopyProgress copyProgress(ProgressPlan plan, List<String> destinations, long total, boolean totalKnown);

    /** A display of the zeroing of {@code total} unmapped bytes ({@code --zero-unmapped}), as {@code plan} asks. */
    default CopyProgress zeroingProgress(ProgressPlan plan, long total) {
        return CopyProgress.NONE;
    }

    /** A display of a verification of {@code total} bytes ({@code verify}, {@code --read-back}), as {@code plan} asks. */
    CopyProgress verificationProgress(ProgressPlan plan, long total);
}
