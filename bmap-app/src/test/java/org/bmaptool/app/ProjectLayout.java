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

    /** The upstream test vectors, {@code shared/testdata} beside the project root. */
    public static Path testdata() {
        for (Path dir = root(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/testdata above " + root());
    }
}
