package org.bmaptool.app.copy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.bmaptool.ports.location.Location;

/**
 * Bmap discovery fed arbitrary image names (paths and URLs, any characters): it must
 * always end, give at least the name plus {@code .bmap} (none for standard input), and
 * take off one extension of the last path component per candidate, never anything of a
 * directory, and never touch a URL's query or fragment. Any exception is a bug:
 * discovery is a pure function over locations.
 */
class BmapDiscoveryFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void discoveryTakesOffOneExtensionPerCandidate(byte[] input) {
        Location image = Location.parse(new String(input, StandardCharsets.UTF_8));
        if (!BmapDiscovery.candidates(image, Optional.of(image)).equals(List.of(image))) {
            throw new AssertionError("--bmap is not the only candidate for " + image.text());
        }
        List<Location> candidates = BmapDiscovery.candidates(image, Optional.empty());
        if (image.isStandardInput()) {
            if (!candidates.isEmpty()) {
                throw new AssertionError("candidates beside standard input: " + candidates);
            }
            return;
        }
        String base = image.isUrl() && image.path().isEmpty() ? "/" : image.path();
        String directory = base.substring(0, base.lastIndexOf('/') + 1);
        if (candidates.isEmpty() || !candidates.get(0).path().equals(base + ".bmap")) {
            throw new AssertionError("first candidate of '" + image.text() + "' is not the image's name plus .bmap: "
                    + candidates);
        }
        String previous = base;
        for (Location candidate : candidates) {
            if (!candidate.query().equals(image.query()) || !candidate.fragment().equals(image.fragment())
                    || candidate.isUrl() != image.isUrl() || !candidate.hostAndPort().equals(image.hostAndPort())) {
                throw new AssertionError("'" + candidate.text() + "' of '" + image.text() + "' changed more than the path");
            }
        }
        for (Location candidate : candidates.subList(1, candidates.size())) {
            String stem = candidate.path().substring(0, candidate.path().length() - ".bmap".length());
            String removed = previous.substring(stem.length());
            if (!previous.startsWith(stem) || !stem.startsWith(directory) || stem.length() == directory.length()
                    || !removed.startsWith(".") || removed.indexOf('.', 1) >= 0 || removed.contains("/")) {
                throw new AssertionError("'" + candidate.text() + "' of '" + image.text()
                        + "' does not take one extension off '" + previous + "': " + candidates);
            }
            previous = stem;
        }
    }
}
