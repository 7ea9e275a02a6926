package org.bmaptool.domain.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeDigestTest {
    /** Larger than the staging array, and not a multiple of it. */
    private static final byte[] DATA = new byte[(3 << 20) + 12345];

    static {
        new Random(7).nextBytes(DATA);
    }

    @Test
    void directHeapAndJdkDigestsAgree() throws Exception {
        String jdk = HexDigest.of(MessageDigest.getInstance("SHA-256").digest(DATA));
        ByteBuffer direct = ByteBuffer.allocateDirect(DATA.length).put(DATA).flip();
        assertEquals(jdk, digestOf(direct));
        assertFalse(direct.hasRemaining(), "the buffer is consumed");
        assertEquals(jdk, digestOf(ByteBuffer.wrap(DATA)));
    }

    @Test
    void hexStartsAfreshForTheNextRange() {
        RangeDigest digest = new RangeDigest(ChecksumType.SHA256);
        digest.update(ByteBuffer.allocateDirect(10));
        String first = digest.hex();
        digest.update(ByteBuffer.allocateDirect(10));
        assertEquals(first, digest.hex());
    }

    private static String digestOf(ByteBuffer buffer) {
        RangeDigest digest = new RangeDigest(ChecksumType.SHA256);
        digest.update(buffer);
        return digest.hex();
    }
}
