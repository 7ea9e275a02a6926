package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BmapCandidatesTest {

    @Test
    void stripsExtensionsOfAPathOneByOne() {
        assertEquals(List.of("/d/img.raw.xz.bmap", "/d/img.raw.bmap", "/d/img.bmap"), BmapCandidates.of("/d/img.raw.xz"));
        assertEquals(List.of("../a.b/img.bmap"), BmapCandidates.of("../a.b/img"));
    }

    @Test
    void keepsTheQueryStringOfAUrlOnEveryCandidate() {
        assertEquals(List.of("https://h.example/d/img.wic.gz.bmap?token=a.b", "https://h.example/d/img.wic.bmap?token=a.b",
                "https://h.example/d/img.bmap?token=a.b"), BmapCandidates.of("https://h.example/d/img.wic.gz?token=a.b#x"));
        assertEquals(List.of("http://h.example/img.bmap"), BmapCandidates.of("http://h.example/img"));
    }
}
