package org.bmaptool.app.pipeline;

import static org.bmaptool.app.pipeline.Fakes.BLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import java.util.Optional;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.domain.checksum.ChecksumType;
import org.junit.jupiter.api.Test;

class VerifyStageTest {

    /** Feeds {@code span} to a verification in chunks of 3 blocks and waits for the end. */
    private static FailureLatch verify(byte[] image, Span span) throws InterruptedException {
        FailureLatch latch = Fakes.latch();
        try (RangeHasher hasher = new RangeHasher(2)) {
            VerifyStage stage = new VerifyStage(hasher, ChecksumType.SHA256, "memory.img", latch);
            VerifyStage.Check check = stage.check(span);
            for (long position = span.start(); position < span.end(); position += 3 * BLOCK) {
                int length = (int) Math.min(3 * BLOCK, span.end() - position);
                check.add(Fakes.chunk(image, position, length, 1, position + length >= span.end()));
            }
            stage.awaitIdle();
        }
        return latch;
    }

    @Test
    void aSpanWhoseChunksHashToItsChecksumPasses() throws InterruptedException {
        byte[] image = Fakes.random(40 * BLOCK);
        assertNull(verify(image, Fakes.span(image, 2, 37)).failure());
    }

    @Test
    void upperCaseHexInAnOldBmapStillMatches() throws InterruptedException {
        byte[] image = Fakes.random(40 * BLOCK);
        Span span = Fakes.span(image, 0, 39);
        Span upper = new Span(0, 39, span.start(), span.end(),
                Optional.of(span.checksum().orElseThrow().toUpperCase(Locale.ROOT)));
        assertNull(verify(image, upper).failure());
    }

    @Test
    void aMismatchTripsTheLatchWithTheRangeAndBothChecksums() throws InterruptedException {
        byte[] image = Fakes.random(40 * BLOCK);
        Span span = Fakes.span(image, 10, 19);
        Span right = Fakes.span(image, 10, 19);
        image[15 * BLOCK] ^= 1;
        Span computed = Fakes.span(image, 10, 19);
        StageFailure failure = (StageFailure) verify(image, span).failure();
        assertEquals(StageFailure.Stage.VERIFY, failure.stage());
        assertEquals(10, failure.firstBlock());
        assertEquals(19, failure.lastBlock());
        assertEquals(right.checksum().orElseThrow(), failure.expected());
        assertEquals(computed.checksum().orElseThrow(), failure.computed());
        assertEquals("memory.img", failure.image());
    }
}
