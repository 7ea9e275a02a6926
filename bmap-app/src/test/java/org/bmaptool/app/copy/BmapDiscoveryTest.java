package org.bmaptool.app.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bmaptool.ports.location.Location;
import org.junit.jupiter.api.Test;

class BmapDiscoveryTest {

    @Test
    void explicitBmapIsTheOnlyCandidate() {
        assertEquals(names("other.bmap"), candidates("disk.img.gz", Optional.of(Location.parse("other.bmap"))));
    }

    @Test
    void eachExtensionIsRemovedInTurn() {
        assertEquals(names("disk.img.gz.bmap", "disk.img.bmap", "disk.bmap"), candidates("disk.img.gz"));
    }

    @Test
    void dotsInDirectoriesAreNotExtensions() {
        assertEquals(names("/srv/v1.2/disk.bmap"), candidates("/srv/v1.2/disk"));
        assertEquals(names("a.d/x.img.bmap", "a.d/x.bmap"), candidates("a.d/x.img"));
    }

    @Test
    void leadingDotsAreNoExtensionAsInPythonSplitext() {
        assertEquals(names(".hidden.bmap"), candidates(".hidden"));
        assertEquals(names("dir/..img.xz.bmap", "dir/..img.bmap"), candidates("dir/..img.xz"));
        assertEquals(names("a..b.bmap", "a..bmap", "a.bmap"), candidates("a..b"));
    }

    @Test
    void urlKeepsItsQueryAndFragmentOnEveryCandidate() {
        // The fragment is never sent (the adapters request path and query only); it stays for the names shown.
        assertEquals(names("https://h.example/d/img.wic.gz.bmap?token=a.b#x", "https://h.example/d/img.wic.bmap?token=a.b#x",
                "https://h.example/d/img.bmap?token=a.b#x"), candidates("https://h.example/d/img.wic.gz?token=a.b#x"));
        assertEquals(names("http://h.example/img.bmap"), candidates("http://h.example/img"));
    }

    @Test
    void standardInputHasNoCandidates() {
        assertEquals(List.of(), candidates("-"));
        assertEquals(names("-.gz.bmap", "-.bmap"), candidates("-.gz"));
    }

    private static List<Location> candidates(String image) {
        return candidates(image, Optional.empty());
    }

    private static List<Location> candidates(String image, Optional<Location> bmap) {
        return BmapDiscovery.candidates(Location.parse(image), bmap);
    }

    private static List<Location> names(String... typed) {
        return Arrays.stream(typed).map(Location::parse).toList();
    }
}
