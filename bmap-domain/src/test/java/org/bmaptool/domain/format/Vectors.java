package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The upstream bmap test vectors in the project's {@code testdata} folder (see its README). */
final class Vectors {

    private Vectors() {
    }

    /** {@code testdata} in the project root, the first folder up that holds module-info-docs; never above it. */
    static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("module-info-docs"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("no project root (a folder holding module-info-docs) above "
                + Path.of("").toAbsolutePath());
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BmapSource source(String name) {
        return BmapSource.of(name, bytes(name));
    }
}
