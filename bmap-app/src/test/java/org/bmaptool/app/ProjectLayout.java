package org.bmaptool.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's folders from wherever a test runs. */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    /** The project root: the folder that holds module-info-docs. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("module-info-docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }

    /** The project's fixtures, {@code testdata} in the project root (see its README). */
    public static Path testdata() {
        return root().resolve("testdata");
    }
}
