package org.bmaptool.domain.format;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Feeds arbitrary bytes to the bmap reader. The only acceptable failure is our own
 * {@link BmapException} with a message; anything else (a runtime exception from the XML
 * parser, an overflow, an endless loop) is a bug. The normal test run replays the seed
 * corpus and every crash found so far from {@code BmapReaderFuzzTestInputs/}.
 */
class BmapReaderFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void readerFailsOnlyWithItsOwnError(byte[] input) {
        try {
            Bmap bmap = BmapReader.read(BmapSource.of("fuzz.bmap", input));
            bmap.ranges().forEach(range -> { });
        } catch (BmapException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("error without a message", expected);
            }
        }
    }
}
