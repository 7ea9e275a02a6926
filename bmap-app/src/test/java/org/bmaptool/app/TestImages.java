package org.bmaptool.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Upstream's test image and its bmaps, ready to use in a test's folder. */
public final class TestImages {

    private TestImages() {
    }

    /** Upstream's test image, decompressed into {@code dir} (821,752 bytes). */
    public static Path upstreamImage(Path dir) throws IOException {
        Path raw = dir.resolve("test.image");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ProjectLayout.testdata().resolve("test.image.gz")))) {
            Files.copy(in, raw);
        }
        return raw;
    }

    /** Upstream's bmap of the test image in format {@code version} ("v1.2", "v1.3", "v1.4", "v2.0"). */
    public static Path upstreamBmap(String version) {
        return ProjectLayout.testdata().resolve("test.image.bmap." + version);
    }
}
