package org.bmaptool.app.copy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Bmap discovery fed arbitrary image names (paths and URLs, any characters): it must
 * always end, give at least the name plus {@code .bmap}, and take off one extension of
 * the last path component per candidate, never anything of a directory or of a URL.s
 * its query string. Any exception is a bug: discovery is a pure function over names.
 */
class BmapDiscoveryFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void discoveryTakesOffOneExtensionPerCandidate(byte[] input) {
        String image = new String(input, StandardCharsets.UTF_8);
        if (!BmapDiscovery.candidates(image, Optional.of(image)).equals(List.of(image))) {
            throw new AssertionError("--bmap is not the only candidate for " + image);
        }
        List<String> candidates = BmapDiscovery.candidates(image, Optional.empty());
        String base = image;
        String query = "";
        if (image.contains("://")) {
            base = base.split("#", -1)[0];
            int question = base.indexOf('?');
            if (question >= 0) {
                query = base.substring(question);
                base = base.substring(0, question);
            }
        }
        String directory = base.substring(0, base.lastIndexOf('/') + 1);
        if (candidates.isEmpty() || !candidates.get(0).equals(base + ".bmap" + query)) {
            throw new AssertionError("first candidate of '" + image + "' is not the image's name plus .bmap: "
                    + candidates);
        }
        String previous = base;
        for (String candidate : candidates.subList(1, candidates.size())) {
            if (!candidate.endsWith(".bmap" + query)) {
                throw new AssertionError("'" + candidate + "' of '" + image + "' lost the query string");
            }
            String stem = candidate.substring(0, candidate.length() - ".bmap".length() - query.length());
            String removed = previous.substring(stem.length());
            if (!previous.startsWith(stem) || !stem.startsWith(directory) || stem.length() == directory.length()
                    || !removed.startsWith(".") || removed.indexOf('.', 1) >= 0 || removed.contains("/")) {
                throw new AssertionError("'" + candidate + "' of '" + image + "' does not take one extension off '"
                        + previous + "': " + candidates);
            }
            previous = stem;
        }
    }
}
