package org.bmaptool.app.verify;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.bmaptool.testkit.ProjectLayout;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.Test;

/** The verification of a medium against an old bmap whose checksums are upper-case hex. */
class RangeVerifierTest {

    /** The project's format 1.3 bmap with every range's SHA-1 in upper case, its own checksum made anew. */
    private static Bmap upperCaseOldBmap() throws IOException {
        String text = Files.readString(ProjectLayout.testdata().resolve("test.image.bmap.v1.3"));
        Matcher sums = Pattern.compile("sha1=\"([0-9a-f]{40})\"").matcher(text);
        StringBuilder upper = new StringBuilder();
        while (sums.find()) {
            sums.appendReplacement(upper, "sha1=\"" + sums.group(1).toUpperCase(Locale.ROOT) + "\"");
        }
        sums.appendTail(upper);
        // The file's own SHA-1 is taken with its field as zeros.
        Matcher own = Pattern.compile("<BmapFileSHA1> ([0-9a-f]{40}) </BmapFileSHA1>").matcher(upper);
        assertTrue(own.find());
        String zeroed = upper.substring(0, own.start(1)) + "0".repeat(40) + upper.substring(own.end(1));
        var sha1 = ChecksumType.SHA1.newDigest();
        String checksum = HexDigest.of(sha1.digest(zeroed.getBytes(StandardCharsets.UTF_8)));
        String bmap = upper.substring(0, own.start(1)) + checksum + upper.substring(own.end(1));
        return BmapReader.read(BmapSource.of("test.image.bmap.v1.3", bmap.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] testImage() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ProjectLayout.testdata()
                .resolve("test.image.gz")))) {
            return in.readAllBytes();
        }
    }

    private static ImageSource medium(byte[] bytes) {
        return new ImageSource() {
            @Override
            public String name() {
                return "medium";
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.of(bytes.length);
            }

            @Override
            public int read(ByteBuffer target, long position) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(target.remaining(), bytes.length - position);
                target.put(bytes, (int) position, n);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void upperCaseChecksumsOfAnOldBmapMatchAFaithfulMedium() throws IOException {
        Bmap bmap = upperCaseOldBmap();
        byte[] image = testImage();
        try (RangeHasher hasher = new RangeHasher(2)) {
            long checked = new RangeVerifier(hasher).verify(bmap, medium(image), bytes -> { });
            assertTrue(checked > 0);
            assertTrue(checked <= bmap.header().mappedBytes());
        }
    }

    @Test
    void aChangedByteIsNamedByTheFirstRangeThatHoldsIt() throws IOException {
        Bmap bmap = upperCaseOldBmap();
        byte[] image = testImage();
        image[3 * 4096 + 5] ^= 1; // in range 3-5
        image[image.length - 1] ^= 1; // and in the last range, which a thread may hash first
        try (RangeHasher hasher = new RangeHasher(2)) {
            CommandException error = assertThrows(CommandException.class,
                    () -> new RangeVerifier(hasher).verify(bmap, medium(image), bytes -> { }));
            assertTrue(error.getMessage().startsWith("checksum mismatch for blocks range 3-5 of 'medium': calculated "),
                    error.getMessage());
            assertTrue(error.getMessage().endsWith(", should be 4ad09a593ed833ece30d808477cb2f43fe7e96fe"
                    + " (bmap file 'test.image.bmap.v1.3')"), error.getMessage());
        }
    }
}
