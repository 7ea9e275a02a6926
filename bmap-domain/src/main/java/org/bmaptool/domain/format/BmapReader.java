package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;

/**
 * Reads a bmap file of any version from 1.0 to 2.x with a streaming (StAX) parser,
 * checks every rule of its format and verifies the file's own checksum, all before the
 * caller sees a single range. Each failure is a {@link BmapException} naming the file,
 * the line and the cause. Memory stays flat however many ranges the file has: the check
 * is one streaming pass, the checksum another over the raw bytes, and
 * {@link Bmap#ranges()} a third that hands out each range as soon as it is parsed.
 */
public final class BmapReader {

    private BmapReader() {
    }

    /** Reads, validates and verifies {@code source}. */
    public static Bmap read(BmapSource source) {
        BmapParser.Result result;
        try (BmapParser parser = BmapParser.open(source)) {
            result = parser.finish();
        }
        if (result.fileChecksum().isPresent()) {
            verifyFileChecksum(source, result);
        }
        return new Bmap(source, result.header());
    }

    /**
     * The ranges of {@code source}, parsed and checked again as they stream; the header
     * found at the end must be {@code header}, or the file changed since it was read.
     */
    static Stream<MappedRange> streamRanges(BmapSource source, BmapHeader header) {
        BmapParser parser = BmapParser.open(source);
        Iterator<MappedRange> ranges = new Iterator<>() {
            private MappedRange next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = parser.nextRange();
                    if (next == null) {
                        done = true;
                        if (!parser.finish().header().equals(header)) {
                            throw new BmapException("bmap file '" + source.name()
                                    + "' changed while it was being read");
                        }
                    }
                }
                return next != null;
            }

            @Override
            public MappedRange next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                MappedRange range = next;
                next = null;
                return range;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(ranges,
                Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(parser::close);
    }

    private static void verifyFileChecksum(BmapSource source, BmapParser.Result result) {
        String expected = result.fileChecksum().orElseThrow();
        ChecksumType type = result.header().checksumType().orElseThrow();
        MessageDigest digest = type.newDigest();
        try (InputStream in = source.open()) {
            digestWithFirstOccurrenceZeroed(in, expected.getBytes(StandardCharsets.US_ASCII), digest);
        } catch (IOException e) {
            throw new BmapException("cannot read bmap file '" + source.name() + "': " + e.getMessage(), e);
        }
        String actual = HexDigest.of(digest.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new BmapException("checksum mismatch for bmap file '" + source.name() + "', line "
                    + result.fileChecksumLine() + ": calculated '" + actual + "', should be '"
                    + expected.toLowerCase(Locale.ROOT) + "'");
        }
    }

    /**
     * Hashes the stream as if the first occurrence of {@code pattern} were ASCII zeros,
     * as upstream computes a bmap's own checksum, holding back only
     * {@code pattern.length - 1} bytes between reads.
     */
    static void digestWithFirstOccurrenceZeroed(InputStream in, byte[] pattern, MessageDigest digest)
            throws IOException {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("empty pattern");
        }
        byte[] window = new byte[64 * 1024 + pattern.length];
        byte[] zeros = new byte[pattern.length];
        java.util.Arrays.fill(zeros, (byte) '0');
        int held = 0;
        boolean replaced = false;
        int n;
        while ((n = in.read(window, held, window.length - held)) >= 0) {
            int filled = held + n;
            if (replaced) {
                digest.update(window, 0, filled);
                held = 0;
                continue;
            }
            int at = indexOf(window, filled, pattern);
            if (at >= 0) {
                digest.update(window, 0, at);
                digest.update(zeros);
                digest.update(window, at + pattern.length, filled - at - pattern.length);
                replaced = true;
                held = 0;
            } else {
                int keep = Math.min(filled, pattern.length - 1);
                digest.update(window, 0, filled - keep);
                System.arraycopy(window, filled - keep, window, 0, keep);
                held = keep;
            }
        }
        digest.update(window, 0, held);
    }

    private static int indexOf(byte[] data, int length, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
