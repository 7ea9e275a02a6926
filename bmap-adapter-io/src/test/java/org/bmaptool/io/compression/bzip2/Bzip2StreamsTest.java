package org.bmaptool.io.compression.bzip2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cutting of pbzip2 files into streams; their decoding is in {@link org.bmaptool.io.compression.ParallelDecodingTest}. */
class Bzip2StreamsTest {

    private static int naiveIndexOfB(byte[] bytes, int from, int last) {
        for (int i = from; i <= last; i++) {
            if (bytes[i] == 'B') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void magicScanFindsTheFirstBAtEveryAlignmentAndNeverPastTheLast() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly bytes next to 'B' (0x41, 0x43, 0xc2), which a wrong bit trick takes for it.
                int kind = random.nextInt(6);
                bytes[i] = (byte) (kind == 0 ? 'B' : kind == 1 ? 0x41 : kind == 2 ? 0x43 : kind == 3 ? 0xc2
                        : random.nextInt(256));
            }
            int from = random.nextInt(bytes.length);
            int last = from + random.nextInt(bytes.length - from);
            assertEquals(naiveIndexOfB(bytes, from, last), Bzip2Streams.indexOfB(bytes, from, last),
                    "from " + from + " to " + last);
        }
    }
}
