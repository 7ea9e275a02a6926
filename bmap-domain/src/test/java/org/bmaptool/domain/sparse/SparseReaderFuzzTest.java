package org.bmaptool.domain.sparse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Feeds arbitrary bytes to the sparse reader and reads every chunk and all RAW data. The
 * only acceptable failure is our own {@link SparseImageException} with a message; anything
 * else (a runtime exception, an overflow, an endless loop, a huge allocation) is a bug.
 * The normal test run replays the seed corpus in {@code SparseReaderFuzzTestInputs/}:
 * images made by img2simg and by our writer.
 */
class SparseReaderFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void readerFailsOnlyWithItsOwnError(byte[] input) throws IOException {
        try {
            SparseReader reader = SparseReader.open("fuzz.simg", new ByteArrayInputStream(input));
            for (SparseChunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                if (chunk.type() == ChunkType.RAW && chunk.number() % 2 == 0) {
                    reader.data().readAllBytes();
                }
            }
        } catch (SparseImageException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("error without a message", expected);
            }
        }
    }
}
