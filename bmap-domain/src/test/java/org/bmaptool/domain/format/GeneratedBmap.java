package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;

/**
 * A version 2.0 bmap of {@code count} single-block ranges (blocks 0, 2, 4, ...),
 * generated as it is read so that a map of any size costs no memory; its own checksum
 * is computed by generating it once with zeros in its place.
 */
final class GeneratedBmap implements BmapSource {
    private final long count;
    private final String checksum;

    GeneratedBmap(long count) {
        this.count = count;
        MessageDigest digest = ChecksumType.SHA256.newDigest();
        try (InputStream in = new Generator(count, "0".repeat(64))) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.checksum = HexDigest.of(digest.digest());
    }

    @Override
    public String name() {
        return "generated.bmap";
    }

    @Override
    public InputStream open() {
        return new Generator(count, checksum);
    }

    /** The file's bytes, one range line at a time. */
    private static final class Generator extends InputStream {
        private final long count;
        private final byte[] footer = "    </BlockMap>\n</bmap>\n".getBytes(StandardCharsets.US_ASCII);
        private byte[] pending;
        private int position;
        private long next;
        private boolean footerSent;
        private final byte[] lines = new byte[4096 * 32];

        Generator(long count, String checksum) {
            this.count = count;
            long blocks = 2 * count;
            pending = ("<?xml version=\"1.0\" ?>\n<bmap version=\"2.0\">\n"
                    + "    <ImageSize> " + blocks * 4096 + " </ImageSize>\n"
                    + "    <BlockSize> 4096 </BlockSize>\n"
                    + "    <BlocksCount> " + blocks + " </BlocksCount>\n"
                    + "    <MappedBlocksCount> " + count + " </MappedBlocksCount>\n"
                    + "    <ChecksumType> sha256 </ChecksumType>\n"
                    + "    <BmapFileChecksum> " + checksum + " </BmapFileChecksum>\n"
                    + "    <BlockMap>\n").getBytes(StandardCharsets.US_ASCII);
        }

        private static final byte[] OPEN = "<Range>".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CLOSE = "</Range>\n".getBytes(StandardCharsets.US_ASCII);

        private int put(byte[] bytes, int at) {
            System.arraycopy(bytes, 0, lines, at, bytes.length);
            return at + bytes.length;
        }

        private int putNumber(long value, int at) {
            int digits = Long.toString(value).length();
            for (int i = digits - 1; i >= 0; i--, value /= 10) {
                lines[at + i] = (byte) ('0' + value % 10);
            }
            return at + digits;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int copied = 0;
            while (copied < length) {
                if (position == pending.length && !refill()) {
                    break;
                }
                int n = Math.min(length - copied, pending.length - position);
                System.arraycopy(pending, position, buffer, offset + copied, n);
                position += n;
                copied += n;
            }
            return copied == 0 && length > 0 ? -1 : copied;
        }

        // The next few thousand range lines, or the footer, as bytes.
        private boolean refill() {
            if (next < count) {
                int length = 0;
                for (int i = 0; i < 4096 && next < count; i++, next++) {
                    length = put(OPEN, length);
                    length = putNumber(2 * next, length);
                    length = put(CLOSE, length);
                }
                pending = java.util.Arrays.copyOf(lines, length);
            } else if (!footerSent) {
                footerSent = true;
                pending = footer;
            } else {
                return false;
            }
            position = 0;
            return true;
        }
    }

    /**
     * Reads a generated bmap of {@code args[0]} ranges and prints how many ranges it
     * streamed; run in a JVM with a small heap to show that reading needs no memory per range.
     */
    public static void main(String[] args) {
        long count = Long.parseLong(args[0]);
        Bmap bmap = BmapReader.read(new GeneratedBmap(count));
        long[] seen = new long[2];
        try (var ranges = bmap.ranges()) {
            ranges.forEach(range -> {
                seen[0]++;
                seen[1] = range.blocks().first();
            });
        }
        System.out.println("ranges " + seen[0] + " last " + seen[1] + " mapped " + bmap.header().mappedBlocksCount());
    }
}
