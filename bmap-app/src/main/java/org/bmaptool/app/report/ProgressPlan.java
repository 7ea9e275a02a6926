package org.bmaptool.app.report;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user asked of progress: the format ({@code --progress}), where JSON lines go
 * ({@code --progress-file}, else stderr) and a psplash FIFO ({@code --psplash-pipe}).
 * The use cases pass it on to the {@link Report} unread, apart from checking it.
 */
public record ProgressPlan(Format format, Optional<Path> progressFile, Optional<Path> psplashPipe) {

    /** The terminal bar, nothing else: what {@code verify} shows. */
    public static final ProgressPlan BAR = new ProgressPlan(Format.BAR, Optional.empty(), Optional.empty());

    /** How progress is shown: the terminal bar (when stderr is one), or JSON lines for automation. */
    public enum Format {
        BAR,
        JSON
    }

    /** JSON lines on stderr leave no room for a bar there. */
    public boolean jsonOnStderr() {
        return format == Format.JSON && progressFile.isEmpty();
    }
}
