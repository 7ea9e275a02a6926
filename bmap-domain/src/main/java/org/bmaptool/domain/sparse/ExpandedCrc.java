package org.bmaptool.domain.sparse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The running CRC-32 of a sparse image's expansion. Bytes that pass go through the JDK's
 * CRC32 (an intrinsic); a FILL or DONT_CARE run is added byte by byte only up to a few MiB,
 * since a hostile header can ask for 2^32 blocks of 2^31 bytes: longer runs are added in
 * O(log n) by zlib's crc32_combine algorithm (a GF(2) matrix raised by squaring), the CRC
 * of the run itself built by doubling. The value is {@code combine(base, tail)}.
 */
final class ExpandedCrc {

    private static final long DIRECT = 64L << 20;
    private static final int PATTERN = 1 << 16;

    private final CRC32 tail = new CRC32();
    private long tailLength;
    private long base;

    void update(byte[] bytes, int off, int len) {
        tail.update(bytes, off, len);
        tailLength += len;
    }

    /** Adds {@code length} bytes (a multiple of 4) of the little-endian {@code value} repeated. */
    void updateRepeated(int value, long length) {
        if (length <= DIRECT) {
            byte[] pattern = pattern(value, (int) Math.min(PATTERN, length));
            for (long left = length; left > 0; left -= pattern.length) {
                update(pattern, 0, (int) Math.min(pattern.length, left));
            }
            return;
        }
        long run = 0;
        long unitLength = PATTERN;
        CRC32 unitCrc = new CRC32();
        unitCrc.update(pattern(value, PATTERN));
        long unit = unitCrc.getValue();
        // The run is whole pattern units plus a remainder of whole 4-byte values; all are
        // slices of one period-4 sequence, so the order they are joined in does not matter.
        long rest = length % PATTERN;
        for (long units = length / PATTERN; units > 0; units >>= 1) {
            if ((units & 1) != 0) {
                run = combine(run, unit, unitLength);
            }
            unit = combine(unit, unit, unitLength);
            unitLength <<= 1;
        }
        CRC32 restCrc = new CRC32();
        restCrc.update(pattern(value, (int) rest));
        run = combine(run, restCrc.getValue(), rest);
        base = combine(Integer.toUnsignedLong(value()), run, length);
        tail.reset();
        tailLength = 0;
    }

    /** The CRC-32 of everything added so far. */
    int value() {
        base = combine(base, tail.getValue(), tailLength);
        tail.reset();
        tailLength = 0;
        return (int) base;
    }

    private static byte[] pattern(int value, int length) {
        byte[] bytes = new byte[length];
        if (value != 0) {
            int[] ints = new int[length / 4];
            Arrays.fill(ints, value);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(ints);
        }
        return bytes;
    }

    /** The CRC-32 of A followed by B from the CRCs of both and B's length (zlib's crc32_combine). */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = 0xEDB88320L; // the reflected CRC-32 polynomial: the operator for one zero bit
        for (int n = 1, row = 1; n < 32; n++, row <<= 1) {
            odd[n] = row & 0xFFFF_FFFFL;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crcA;
        long length = lengthB;
        do {
            square(even, odd);
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>= 1;
        } while (length != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
