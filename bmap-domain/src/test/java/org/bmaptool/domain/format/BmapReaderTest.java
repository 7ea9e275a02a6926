package org.bmaptool.domain.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.checksum.ChecksumType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BmapReaderTest {

    private static final String FILE = "bmap file 'test.bmap', line ";
    private static final String PROPER_XML = "cannot parse the bmap file 'test.bmap' which should be a proper XML file: ";

    // --- the upstream vectors ---

    @ParameterizedTest
    @ValueSource(strings = {"v1.2", "v1.3", "v1.4", "v2.0"})
    void readsEveryUpstreamVersionToTheSameRanges(String version) {
        Bmap bmap = BmapReader.read(Vectors.source("test.image.bmap." + version));
        Bmap reference = BmapReader.read(Vectors.source("test.image.bmap.created-3.9"));

        assertEquals(821752, bmap.header().imageSize());
        assertEquals(4096, bmap.header().blockSize());
        assertEquals(201, bmap.header().blocksCount());
        assertEquals(117, bmap.header().mappedBlocksCount());
        assertEquals(blocks(reference), blocks(bmap));
        assertEquals(48, blocks(bmap).size());
    }

    @Test
    void readsEachVersionWithItsOwnChecksumRules() {
        Bmap v12 = BmapReader.read(Vectors.source("test.image.bmap.v1.2"));
        Bmap v13 = BmapReader.read(Vectors.source("test.image.bmap.v1.3"));
        Bmap v14 = BmapReader.read(Vectors.source("test.image.bmap.v1.4"));
        Bmap v20 = BmapReader.read(Vectors.source("test.image.bmap.v2.0"));

        // 1.2 carries sha1= attributes but upstream verifies none of them; neither do we.
        assertInstanceOf(FormatVersion.Unchecked.class, v12.header().version());
        assertEquals(Optional.empty(), v12.header().checksumType());
        assertTrue(ranges(v12).stream().allMatch(r -> r.checksum().isEmpty()));

        assertInstanceOf(FormatVersion.Sha1.class, v13.header().version());
        assertEquals(Optional.of(ChecksumType.SHA1), v13.header().checksumType());
        assertEquals("94789636db14cdb8929133e7b8d3a158837e2e5a", ranges(v13).get(0).checksum().orElseThrow());

        assertInstanceOf(FormatVersion.Typed.class, v14.header().version());
        assertEquals(ranges(v20), ranges(v14));
        assertEquals(Optional.of(ChecksumType.SHA256), v20.header().checksumType());
        assertEquals(ranges(BmapReader.read(Vectors.source("test.image.bmap.created-3.9"))), ranges(v20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.3", "v1.4", "v2.0", "created-3.9", "created-3.9-no-checksum"})
    void refusesAVectorWithOneByteChanged(String version) {
        byte[] bytes = Vectors.bytes("test.image.bmap." + version);
        // A byte of the first comment: the file stays a valid bmap but its own checksum no longer fits.
        int at = new String(bytes, StandardCharsets.US_ASCII).indexOf("useful");
        bytes[at] = 'U';

        BmapException e = assertThrows(BmapException.class,
                () -> BmapReader.read(BmapSource.of("changed.bmap", bytes)));

        // Upstream's words first, then where.
        assertTrue(e.getMessage().startsWith("checksum mismatch for bmap file 'changed.bmap', line "), e.getMessage());
        assertTrue(e.getMessage().contains(": calculated '"), e.getMessage());
    }

    @Test
    void readsAVersion12VectorWithOneByteChangedForItHasNoChecksum() {
        byte[] bytes = Vectors.bytes("test.image.bmap.v1.2");
        int at = new String(bytes, StandardCharsets.US_ASCII).indexOf("useful");
        bytes[at] = 'U';

        assertEquals(117, BmapReader.read(BmapSource.of("changed.bmap", bytes)).header().mappedBlocksCount());
    }

    // --- the model read from a file ---

    @Test
    void readsTheHeaderAndRangesOfAValidFile() {
        Bmap bmap = BmapReader.read(BmapText.v2().source());

        assertEquals(new BmapHeader(FormatVersion.CURRENT, 40000, 4096, 10, 8, Optional.of(ChecksumType.SHA256)),
                bmap.header());
        assertEquals("test.bmap", bmap.name());
        assertEquals(List.of(
                MappedRange.of(0, 1, BmapText.checksum("0-1", ChecksumType.SHA256)),
                MappedRange.of(3, 3, BmapText.checksum("3", ChecksumType.SHA256)),
                MappedRange.of(5, 9, BmapText.checksum("5-9", ChecksumType.SHA256))), ranges(bmap));
    }

    @Test
    void readsRangesWithBlanksAroundTheNumbers() {
        BmapText text = BmapText.v2().noRanges().range(" 0 -\t1 ", "").range("\n3\n", "").range("5- 9", "");

        assertEquals(List.of(new BlockRange(0, 1), new BlockRange(3, 3), new BlockRange(5, 9)),
                blocks(BmapReader.read(text.source())));
    }

    @Test
    void readsUpperCaseChecksumsAsLowerCase() {
        String upper = BmapText.checksum("3", ChecksumType.SHA256).toUpperCase();
        BmapText text = BmapText.v2().noRanges().range("0-1").range("3", "chksum=\"" + upper + "\"").range("5-9");

        assertEquals(upper.toLowerCase(), ranges(BmapReader.read(text.source())).get(1).checksum().orElseThrow());
    }

    @Test
    void readsRangesWithoutChecksumsAsUpstreamWritesThemWithNoChecksum() {
        BmapText text = BmapText.v2().noRanges().range("0-1", "").range("3", "").range("5-9", "");

        assertTrue(ranges(BmapReader.read(text.source())).stream().allMatch(r -> r.checksum().isEmpty()));
    }

    @Test
    void readsVersion13WithSha1() {
        Bmap bmap = BmapReader.read(BmapText.v13().source());

        assertEquals(Optional.of(ChecksumType.SHA1), bmap.header().checksumType());
        assertEquals(BmapText.checksum("5-9", ChecksumType.SHA1), ranges(bmap).get(2).checksum().orElseThrow());
    }

    @Test
    void readsVersion10WithMappedBlocksCountAfterTheBlockMap() {
        BmapText text = BmapText.v2().version("1.0").remove("ChecksumType").remove("BmapFileChecksum")
                .remove("MappedBlocksCount").afterBlockMap("    <MappedBlocksCount> 8 </MappedBlocksCount>\n");

        Bmap bmap = BmapReader.read(text.source());

        assertEquals(8, bmap.header().mappedBlocksCount());
        assertEquals(Optional.empty(), bmap.header().checksumType());
        assertTrue(ranges(bmap).stream().allMatch(r -> r.checksum().isEmpty()));
    }

    @Test
    void defaultsTheChecksumTypeToSha256() {
        Bmap bmap = BmapReader.read(BmapText.v2().remove("ChecksumType").source());

        assertEquals(Optional.of(ChecksumType.SHA256), bmap.header().checksumType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1", "sha224", "sha384", "sha512", "md5", "sha3_256", "sha512_256", "SHA256"})
    void readsEveryChecksumTypeTheJdkOffers(String name) {
        ChecksumType type = ChecksumType.named(name).orElseThrow();
        BmapText text = BmapText.v2().element("ChecksumType", name).noRanges()
                .range("0-1", "chksum=\"" + BmapText.checksum("0-1", type) + "\"")
                .range("3", "chksum=\"" + BmapText.checksum("3", type) + "\"")
                .range("5-9", "chksum=\"" + BmapText.checksum("5-9", type) + "\"");

        Bmap bmap = BmapReader.read(text.source());

        assertEquals(Optional.of(type), bmap.header().checksumType());
        assertEquals(BmapText.checksum("3", type), ranges(bmap).get(1).checksum().orElseThrow());
    }

    // --- forward compatibility ---

    @Test
    void readsAHigherMinorVersionIgnoringUnknownElementsAndAttributes() {
        BmapText text = BmapText.v2().version("2.1").rootAttributes(" flavour=\"new\"")
                .element("Compression", "zstd")
                .element("Signature", "<Key id=\"1\"><Part>a</Part><Range> 0-9 </Range></Key>")
                .noRanges()
                .range("0-1", "chksum=\"" + BmapText.checksum("0-1", ChecksumType.SHA256) + "\" hole=\"no\"")
                .range("3").range("5-9")
                .inBlockMap("        <Gap> 4 </Gap>\n")
                .afterBlockMap("    <Trailer><Range> 9 </Range></Trailer>\n");

        Bmap bmap = BmapReader.read(text.source());

        assertEquals(new FormatVersion.Typed(2, 1), bmap.header().version());
        // Ranges outside <BlockMap> belong to elements we do not know; they are no ranges of the map.
        assertEquals(List.of(new BlockRange(0, 1), new BlockRange(3, 3), new BlockRange(5, 9)), blocks(bmap));
    }

    @Test
    void refusesAMajorVersionAbove2NamingIt() {
        assertFails(BmapText.v2().version("3.0"), "only bmap format version up to 2 is supported, version 3 is not"
                + " supported", 2, "format version 3.0 is not supported: this bmaptool"
                + " reads versions 1.0 to 2.x; a newer major version needs a newer bmaptool");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "two", "2.0.1", "", "-1.0", "2.x"})
    void refusesAVersionThatIsNotMajorDotMinor(String version) {
        assertFails(BmapText.v2().version(version), 2, "version \"" + version + "\" is not \"major.minor\"");
    }

    // --- validation, one rule each ---

    @Test
    void refusesXmlThatIsNotWellFormed() {
        BmapText text = BmapText.v2().element("BlockSize", "4096 </Blocksize");

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(text.source()));

        assertTrue(e.getMessage().startsWith(PROPER_XML + FILE + text.lineOf("<BlockSize>") + ": not well-formed XML: "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void refusesJunkAfterTheRootElement() {
        BmapText text = BmapText.v2().afterRoot("<bmap version=\"2.0\"/>\n");

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(text.source()));

        assertTrue(e.getMessage().startsWith(PROPER_XML + FILE + (text.lineOf("</bmap>") + 1) + ": not well-formed XML"),
                e.getMessage());
    }

    @Test
    void refusesAnotherRootElement() {
        BmapText text = BmapText.v2().prolog("<?xml version=\"1.0\" ?>\n<!-- a comment -->\n");
        byte[] bytes = new String(text.bytes(), StandardCharsets.UTF_8).replace("bmap>", "map>")
                .replace("<bmap ", "<map ").getBytes(StandardCharsets.UTF_8);

        BmapException e = assertThrows(BmapException.class,
                () -> BmapReader.read(BmapSource.of("test.bmap", bytes)));

        assertEquals(FILE + "3: the root element is <map>, not <bmap>", e.getMessage());
    }

    @Test
    void refusesARootWithoutVersion() {
        byte[] bytes = "<bmap>\n</bmap>\n".getBytes(StandardCharsets.US_ASCII);

        BmapException e = assertThrows(BmapException.class,
                () -> BmapReader.read(BmapSource.of("test.bmap", bytes)));

        assertEquals(FILE + "1: <bmap> has no version attribute", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ImageSize", "BlockSize", "BlocksCount"})
    void refusesAMissingElementTheRangesNeed(String element) {
        BmapText text = BmapText.v2().remove(element);

        assertFails(text, text.lineOf("<BlockMap>"), "<" + element + "> is missing before <BlockMap>");
    }

    @Test
    void refusesAMissingMappedBlocksCount() {
        BmapText text = BmapText.v2().remove("MappedBlocksCount");

        assertFails(text, text.lineOf("</bmap>"), "<MappedBlocksCount> is missing");
    }

    @Test
    void refusesAMissingBlockMap() {
        byte[] bytes = new String(BmapText.v2().noRanges().element("MappedBlocksCount", "0").bytes(),
                StandardCharsets.UTF_8).replace("    <BlockMap>\n    </BlockMap>\n", "")
                .getBytes(StandardCharsets.UTF_8);

        BmapException e = assertThrows(BmapException.class,
                () -> BmapReader.read(BmapSource.of("test.bmap", bytes)));

        assertEquals(FILE + "9: <BlockMap> is missing", e.getMessage());
    }

    @Test
    void refusesAMissingFileChecksum() {
        BmapText text = BmapText.v2().remove("BmapFileChecksum");

        assertFails(text, text.lineOf("</bmap>"), "<BmapFileChecksum> is missing");
    }

    @Test
    void refusesAMissingSha1FileChecksumInVersion13() {
        BmapText text = BmapText.v13().remove("BmapFileSHA1");

        assertFails(text, text.lineOf("</bmap>"), "<BmapFileSHA1> is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ImageSize", "BlockSize", "BlocksCount", "MappedBlocksCount"})
    void refusesANonNumericValue(String element) {
        BmapText text = BmapText.v2().element(element, "12k");

        assertFails(text, text.lineOf("<" + element + ">"), "<" + element + "> is \"12k\", not a whole number");
    }

    @Test
    void refusesANegativeValue() {
        BmapText text = BmapText.v2().element("ImageSize", "-40000");

        assertFails(text, 3, "<ImageSize> is \"-40000\", not a whole number");
    }

    @Test
    void refusesANumberTooLargeToBeAnImageSize() {
        BmapText text = BmapText.v2().element("ImageSize", "99999999999999999999");

        assertFails(text, 3, "<ImageSize> is \"99999999999999999999\", not a whole number below 10^18");
    }

    @Test
    void refusesABlockSizeOfZero() {
        BmapText text = BmapText.v2().element("BlockSize", "0");

        assertFails(text, 4, "<BlockSize> is 0, not a usable block size");
    }

    @Test
    void refusesABlocksCountThatDoesNotFitTheImageSize() {
        BmapText text = BmapText.v2().element("BlocksCount", "11");

        assertFails(text, "Inconsistent bmap - image size does not match blocks count", text.lineOf("<BlocksCount>"),
                "<BlocksCount> is 11 but an image of 40000 bytes in blocks of 4096 bytes has 10");
    }

    @Test
    void refusesARangeWhoseFirstBlockComesAfterItsLast() {
        BmapText text = BmapText.v2().noRanges().range("0-1").range("4-3").range("5-9");

        assertFails(text, "bad range (first > last): '4-3'", text.lineOf("4-3"), "range \"4-3\" has its first block after its last");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-b", "3-", "-3", "1-2-3", "", "0x3", "+3", "3 4"})
    void refusesARangeThatIsNotARange(String range) {
        BmapText text = BmapText.v2().noRanges().range("0-1").range(range, "").range("5-9");

        assertFails(text, text.lineOf("<Range> " + range + " <"),
                "range \"" + range.strip() + "\" is not \"first-last\" or a single block number");
    }

    @Test
    void refusesOverlappingRanges() {
        BmapText text = BmapText.v2().noRanges().range("0-3").range("3-4").range("6-9");

        assertFails(text, text.lineOf("3-4"), "range 3-4 overlaps the range before it, 0-3");
    }

    @Test
    void refusesRangesOutOfOrder() {
        BmapText text = BmapText.v2().noRanges().range("5-9").range("0-1").range("3");

        assertFails(text, text.lineOf("0-1"), "range 0-1 comes before the range before it, 5-9");
    }

    @Test
    void refusesARangeBeyondTheLastBlock() {
        BmapText text = BmapText.v2().noRanges().range("0-1").range("3").range("5-10");

        assertFails(text, text.lineOf("5-10"), "range 5-10 goes past the last block of the image, 9");
    }

    @Test
    void refusesRangesThatDoNotAddUpToMappedBlocksCount() {
        BmapText text = BmapText.v2().element("MappedBlocksCount", "9");

        assertFails(text, text.lineOf("<MappedBlocksCount>"),
                "<MappedBlocksCount> is 9 but the ranges of <BlockMap> hold 8 blocks");
    }

    @Test
    void refusesARangeChecksumOfTheWrongLength() {
        String sha1 = BmapText.checksum("3", ChecksumType.SHA1);
        BmapText text = BmapText.v2().noRanges().range("0-1").range("3", "chksum=\"" + sha1 + "\"").range("5-9");

        assertFails(text, text.lineOf(sha1), "range 3 has checksum \"" + sha1 + "\", not 64 hex digits of sha256");
    }

    @Test
    void refusesARangeChecksumThatIsNotHex() {
        String bad = "g".repeat(64);
        BmapText text = BmapText.v2().noRanges().range("0-1").range("3", "chksum=\"" + bad + "\"").range("5-9");

        assertFails(text, text.lineOf(bad), "range 3 has checksum \"" + bad + "\", not 64 hex digits of sha256");
    }

    @Test
    void refusesAFileChecksumThatIsNotHex() {
        BmapText text = BmapText.v2().element("BmapFileChecksum", "z".repeat(64));

        assertFails(text, text.lineOf("<BmapFileChecksum>"),
                "<BmapFileChecksum> is \"" + "z".repeat(64) + "\", not 64 hex digits of sha256");
    }

    @Test
    void refusesAnUnknownChecksumType() {
        BmapText text = BmapText.v2().element("ChecksumType", "crc99");

        assertFails(text, "cannot initialize hash function \"crc99\"", text.lineOf("<ChecksumType>"), "unknown checksum type \"crc99\"");
    }

    @Test
    void refusesAWrongFileChecksumNamingBoth() {
        String wrong = "1".repeat(64);
        BmapText text = BmapText.v2().element("BmapFileChecksum", wrong);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(text.source()));

        assertTrue(e.getMessage().startsWith("checksum mismatch for " + FILE + text.lineOf("<BmapFileChecksum>")
                + ": calculated '"), e.getMessage());
        assertTrue(e.getMessage().endsWith("', should be '" + wrong + "'"), e.getMessage());
    }

    @Test
    void refusesAnElementThatAppearsTwice() {
        BmapText text = BmapText.v2().afterBlockMap("    <MappedBlocksCount> 8 </MappedBlocksCount>\n");

        assertFails(text, text.lineOf("</BlockMap>") + 1, "<MappedBlocksCount> appears twice (first on line 6)");
    }

    @Test
    void refusesAHeaderElementTheRangesNeedAfterTheBlockMap() {
        BmapText text = BmapText.v2().remove("ChecksumType")
                .afterBlockMap("    <ChecksumType> sha1 </ChecksumType>\n");

        assertFails(text, text.lineOf("</BlockMap>") + 1, "<ChecksumType> comes after <BlockMap>; it must come before it");
    }

    @Test
    void refusesAnElementWhereARangeShouldHoldText() {
        BmapText text = BmapText.v2().noRanges().range("0-1").range("<First>3</First>", "").range("5-9");

        assertFails(text, text.lineOf("<First>"), "<Range> holds an element, <First>, where text should be");
    }

    // --- hostile input ---

    @Test
    void refusesADoctype() {
        BmapText text = BmapText.v2().prolog("<?xml version=\"1.0\" ?>\n<!DOCTYPE bmap [\n"
                + "  <!ENTITY big \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\">\n]>\n");

        assertFails(text, 2, "a DOCTYPE declaration is not allowed in a bmap");
    }

    @Test
    void refusesAnExternalEntityWithoutFetchingIt() {
        BmapText text = BmapText.v2().prolog("<?xml version=\"1.0\" ?>\n"
                + "<!DOCTYPE bmap SYSTEM \"http://127.0.0.1:9/never-fetched.dtd\">\n");

        assertFails(text, 2, "a DOCTYPE declaration is not allowed in a bmap");
    }

    @Test
    void refusesAnEntityReference() {
        BmapText text = BmapText.v2().element("ImageSize", "&size;");

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(text.source()));

        assertTrue(e.getMessage().startsWith(FILE + 3 + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("size"), e.getMessage());
    }

    @Test
    void readsCharacterReferencesAndPredefinedEntities() {
        BmapText text = BmapText.v2().element("ImageSize", "&#52;0000").element("Comment", "&lt;&amp;&gt;");

        assertEquals(40000, BmapReader.read(text.source()).header().imageSize());
    }

    @Test
    void refusesDeeplyNestedElements() {
        String deep = "<a>".repeat(1000) + "</a>".repeat(1000);
        BmapText text = BmapText.v2().element("Extension", deep);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(text.source()));

        assertEquals(FILE + text.lineOf("<Extension>")
                + ": too large for a bmap: Maximum Element Depth limit (32) Exceeded", e.getMessage());
    }

    @Test
    void refusesAHugeTextNodeAfterReadingLittleOfIt() {
        AtomicLong read = new AtomicLong();
        BmapSource source = endless("<bmap version=\"2.0\">\n<ImageSize>", "1", read);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));

        assertTrue(e.getMessage().startsWith("bmap file 'endless.bmap', line 2: "), e.getMessage());
        assertTrue(read.get() < 8L << 20, "read " + read.get() + " bytes");
    }

    @Test
    void refusesAHugeAttributeAfterReadingLittleOfIt() {
        AtomicLong read = new AtomicLong();
        BmapSource source = endless("<bmap version=\"2.0\" x=\"", "y", read);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));

        assertTrue(e.getMessage().startsWith("bmap file 'endless.bmap', line 1: "), e.getMessage());
        assertTrue(read.get() < 8L << 20, "read " + read.get() + " bytes");
    }

    @Test
    void refusesAMultiGigabyteJunkFileAfterReadingLittleOfIt() {
        AtomicLong read = new AtomicLong();
        BmapSource source = endless("", "\u0001junk", read);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));

        assertTrue(e.getMessage().startsWith("cannot parse the bmap file 'endless.bmap' which should be a proper XML"
                + " file: bmap file 'endless.bmap', line 1: not well-formed XML: "),
                e.getMessage());
        assertTrue(read.get() < 1L << 20, "read " + read.get() + " bytes");
    }

    @Test
    void refusesAnEndlessCommentAfterReadingLittleOfIt() {
        AtomicLong read = new AtomicLong();
        BmapSource source = endless("<bmap version=\"2.0\">\n<!-- ", "comment ", read);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));

        assertTrue(e.getMessage().startsWith("bmap file 'endless.bmap', line 2: "), e.getMessage());
        assertTrue(read.get() < 8L << 20, "read " + read.get() + " bytes");
    }

    @Test
    void refusesAnEndlessElementNameAfterReadingLittleOfIt() {
        AtomicLong read = new AtomicLong();
        BmapSource source = endless("<bmap version=\"2.0\">\n<Image", "Size", read);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));

        assertEquals("bmap file 'endless.bmap', line 2: too large for a bmap: more than 8 MiB without markup",
                e.getMessage());
        assertTrue(read.get() < 9L << 20, "read " + read.get() + " bytes");
    }

    @Test
    void refusesEndlessBlanksBetweenElementsAfterReadingLittleOfIt() {
        AtomicLong read = new AtomicLong();
        BmapSource source = endless("<bmap version=\"2.0\">\n", "  \n", read);

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));

        assertTrue(e.getMessage().startsWith("bmap file 'endless.bmap', line "), e.getMessage());
        assertTrue(read.get() < 8L << 20, "read " + read.get() + " bytes");
    }

    @Test
    void reportsAFailingSourceAsUnreadable() {
        BmapSource source = new BmapSource() {
            @Override
            public String name() {
                return "broken.bmap";
            }

            @Override
            public InputStream open() {
                return new SequenceInputStream(new ByteArrayInputStream("<bmap version=\"2.0\">".getBytes()),
                        new InputStream() {
                            @Override
                            public int read() throws IOException {
                                throw new IOException("Input/output error");
                            }
                        });
            }
        };

        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(source));

        assertEquals("cannot read bmap file 'broken.bmap': Input/output error", e.getMessage());
    }

    // --- streaming ---

    @Test
    void handsOutTheFirstRangeBeforeTheLastIsRead() {
        BmapText text = BmapText.v2().element("ImageSize", Long.toString(4096L * 100_000))
                .element("BlocksCount", "100000").element("MappedBlocksCount", "50000").noRanges();
        for (int block = 0; block < 100_000; block += 2) {
            text.range(Integer.toString(block), "");
        }
        byte[] bytes = text.bytes();
        Bmap bmap = BmapReader.read(BmapSource.of("test.bmap", bytes));
        AtomicLong read = new AtomicLong();
        Bmap counted = new Bmap(new BmapSource() {
            @Override
            public String name() {
                return "test.bmap";
            }

            @Override
            public InputStream open() {
                return counting(new ByteArrayInputStream(bytes), read);
            }
        }, bmap.header());

        try (Stream<MappedRange> ranges = counted.ranges()) {
            assertEquals(new BlockRange(0, 0), ranges.findFirst().orElseThrow().blocks());
        }

        assertTrue(read.get() < bytes.length / 10, "read " + read.get() + " of " + bytes.length + " bytes");
    }

    @Test
    void refusesAFileThatChangedAfterItWasRead() {
        BmapText text = BmapText.v2();
        Bmap bmap = BmapReader.read(text.source());
        Bmap changed = new Bmap(BmapText.v2().element("ImageSize", "40001").source(), bmap.header());

        try (Stream<MappedRange> ranges = changed.ranges()) {
            BmapException e = assertThrows(BmapException.class, ranges::count);
            assertEquals("bmap file 'test.bmap' changed while it was being read", e.getMessage());
        }
    }

    @Test
    void parsesWithWoodstox() {
        assertEquals("com.ctc.wstx.stax.WstxInputFactory", XmlInput.implementation());
    }

    // --- helpers ---

    private static void assertFails(BmapText text, int line, String cause) {
        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(text.source()));
        assertEquals(FILE + line + ": " + cause, e.getMessage());
    }

    /** A failure upstream bmaptool names too: its words first, then ours. */
    private static void assertFails(BmapText text, String upstreamWords, int line, String cause) {
        BmapException e = assertThrows(BmapException.class, () -> BmapReader.read(text.source()));
        assertEquals(upstreamWords + ": " + FILE + line + ": " + cause, e.getMessage());
    }

    static List<MappedRange> ranges(Bmap bmap) {
        try (Stream<MappedRange> ranges = bmap.ranges()) {
            return ranges.collect(Collectors.toList());
        }
    }

    static List<BlockRange> blocks(Bmap bmap) {
        return ranges(bmap).stream().map(MappedRange::blocks).collect(Collectors.toList());
    }

    // A source of `start` followed by `unit` repeated up to 4 GiB, generated as it is read.
    private static BmapSource endless(String start, String unit, AtomicLong read) {
        return new BmapSource() {
            @Override
            public String name() {
                return "endless.bmap";
            }

            @Override
            public InputStream open() {
                byte[] head = start.getBytes(StandardCharsets.US_ASCII);
                byte[] repeated = unit.getBytes(StandardCharsets.US_ASCII);
                return counting(new InputStream() {
                    private long position;

                    @Override
                    public int read() {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) {
                        if (position >= 4L << 30) {
                            return -1;
                        }
                        for (int i = 0; i < length; i++, position++) {
                            buffer[offset + i] = position < head.length ? head[(int) position]
                                    : repeated[(int) ((position - head.length) % repeated.length)];
                        }
                        return length;
                    }
                }, read);
            }
        };
    }

    private static InputStream counting(InputStream in, AtomicLong read) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    read.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        };
    }
}
