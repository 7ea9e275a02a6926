package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmaptool.testkit.ProjectLayout;

/** The upstream bmap test vectors in the project's {@code testdata} folder (see its README). */
final class Vectors {

    private Vectors() {
    }

    /** {@code testdata} in the project root; never above it. */
    static Path dir() {
        return ProjectLayout.testdata();
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
