package org.bmaptool.app.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BmapDiscoveryTest {

    @Test
    void explicitBmapIsTheOnlyCandidate() {
        assertEquals(List.of("other.bmap"), BmapDiscovery.candidates("disk.img.gz", Optional.of("other.bmap")));
    }

    @Test
    void eachExtensionIsRemovedInTurn() {
        assertEquals(List.of("disk.img.gz.bmap", "disk.img.bmap", "disk.bmap"),
                BmapDiscovery.candidates("disk.img.gz", Optional.empty()));
    }

    @Test
    void dotsInDirectoriesAreNotExtensions() {
        assertEquals(List.of("/srv/v1.2/disk.bmap"), BmapDiscovery.candidates("/srv/v1.2/disk", Optional.empty()));
        assertEquals(List.of("a.d/x.img.bmap", "a.d/x.bmap"), BmapDiscovery.candidates("a.d/x.img", Optional.empty()));
    }

    @Test
    void leadingDotsAreNoExtensionAsInPythonSplitext() {
        assertEquals(List.of(".hidden.bmap"), BmapDiscovery.candidates(".hidden", Optional.empty()));
        assertEquals(List.of("dir/..img.xz.bmap", "dir/..img.bmap"), BmapDiscovery.candidates("dir/..img.xz", Optional.empty()));
        assertEquals(List.of("a..b.bmap", "a..bmap", "a.bmap"), BmapDiscovery.candidates("a..b", Optional.empty()));
    }

    @Test
    void urlKeepsItsQueryOnEveryCandidateAndDropsItsFragment() {
        assertEquals(List.of("https://h.example/d/img.wic.gz.bmap?token=a.b", "https://h.example/d/img.wic.bmap?token=a.b",
                "https://h.example/d/img.bmap?token=a.b"),
                BmapDiscovery.candidates("https://h.example/d/img.wic.gz?token=a.b#x", Optional.empty()));
        assertEquals(List.of("http://h.example/img.bmap"), BmapDiscovery.candidates("http://h.example/img", Optional.empty()));
    }
}
