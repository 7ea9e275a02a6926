package org.bmaptool.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's folders from wherever a test runs (a module's folder under
 * Maven, the project root in an IDE, a fresh clone in CI): the project root is the
 * first folder up that holds {@code module-info-docs}. Nothing a test reads lies above it.
 */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    /** The project root: the first folder up from the working directory that holds module-info-docs. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("module-info-docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root (a folder holding module-info-docs) above "
                + Path.of("").toAbsolutePath());
    }

    /** The project's fixtures, {@code testdata} in the project root (see its README). */
    public static Path testdata() {
        return root().resolve("testdata");
    }
}
