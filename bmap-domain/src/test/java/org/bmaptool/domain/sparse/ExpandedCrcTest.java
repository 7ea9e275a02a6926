package org.bmaptool.domain.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpandedCrcTest {

    private static int direct(byte[] head, int value, long length) {
        CRC32 crc = new CRC32();
        crc.update(head);
        byte[] chunk = new byte[1 << 20];
        ByteBuffer ints = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < chunk.length; i += 4) {
            ints.putInt(i, value);
        }
        for (long left = length; left > 0; left -= chunk.length) {
            crc.update(chunk, 0, (int) Math.min(chunk.length, left));
        }
        return (int) crc.getValue();
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 65536, 64L << 20, (64L << 20) + 4 * 12345, (100L << 20) + 65536 * 3 + 8})
    void aLongRunAddedByCombiningEqualsTheRunAddedByteByByte(long length) {
        byte[] head = new byte[1000];
        new Random(length).nextBytes(head);
        for (int value : new int[] {0, 0x01020304}) {
            ExpandedCrc crc = new ExpandedCrc();
            crc.update(head, 0, head.length);
            crc.updateRepeated(value, length);
            assertEquals(direct(head, value, length), crc.value(), "value " + value);
        }
    }

    @Test
    void bytesAfterACombinedRunAreAddedAfterIt() {
        long length = (64L << 20) + 8;
        ExpandedCrc crc = new ExpandedCrc();
        crc.updateRepeated(0, length);
        crc.update(new byte[] {1, 2, 3}, 0, 3);
        CRC32 direct = new CRC32();
        direct.update(new byte[(int) length]);
        direct.update(new byte[] {1, 2, 3});
        assertEquals((int) direct.getValue(), crc.value());
    }
}
