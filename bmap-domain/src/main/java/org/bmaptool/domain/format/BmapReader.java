package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;

/**
 * Reads a bmap file of any version with a streaming (StAX) parser, checks every rule of
 * its format, and verifies the file's own checksum, all before the caller sees it. Each
 * failure is a {@link BmapException} naming the file, the line and the cause.
 */
public final class BmapReader {

    private BmapReader() {
    }

    /** Reads, validates and verifies {@code source}. */
    public static Bmap read(BmapSource source) {
        ParsedHeader parsed = new ParsedHeader(source.name());
        try (InputStream in = source.open()) {
            XMLStreamReader xml = newParser(in, source.name());
            try {
                parsed.readAll(xml);
            } finally {
                xml.close();
            }
        } catch (IOException e) {
            throw new BmapException("cannot read bmap file '" + source.name() + "': " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw malformed(source.name(), e);
        }
        BmapHeader header = parsed.toHeader();
        if (parsed.fileChecksum != null) {
            verifyFileChecksum(source, header, parsed.fileChecksum);
        }
        return new Bmap(source, header);
    }

    static Stream<MappedRange> streamRanges(BmapSource source, FormatVersion version) {
        InputStream in;
        XMLStreamReader xml;
        try {
            in = source.open();
            xml = newParser(in, source.name());
        } catch (IOException e) {
            throw new BmapException("cannot read bmap file '" + source.name() + "': " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw malformed(source.name(), e);
        }
        Iterator<MappedRange> ranges = new RangeIterator(xml, source.name(), version);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(ranges,
                        Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        xml.close();
                        in.close();
                    } catch (XMLStreamException | IOException e) {
                        // Nothing was written from a stream being closed; nothing to report.
                    }
                });
    }

    private static XMLStreamReader newParser(InputStream in, String name) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // A bmap never needs a DTD or entities; refusing them closes the XML attacks.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory.createXMLStreamReader(in);
    }

    private static BmapException malformed(String name, XMLStreamException e) {
        String where = e.getLocation() != null ? ", line " + e.getLocation().getLineNumber() : "";
        String why = e.getMessage() == null ? "not well-formed XML" : e.getMessage().lines()
                .filter(l -> !l.startsWith(" at [")).reduce((a, b) -> a + " " + b).orElse("").strip();
        return new BmapException("bmap file '" + name + "'" + where + ": " + why);
    }

    private static void verifyFileChecksum(BmapSource source, BmapHeader header, String expected) {
        ChecksumType type = header.checksumType().orElseThrow();
        MessageDigest digest = type.newDigest();
        byte[] pattern = expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (InputStream in = source.open()) {
            digestWithFirstOccurrenceZeroed(in, pattern, digest);
        } catch (IOException e) {
            throw new BmapException("cannot read bmap file '" + source.name() + "': " + e.getMessage(), e);
        }
        String actual = HexDigest.of(digest.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new BmapException("checksum mismatch for bmap file '" + source.name() + "': calculated "
                    + actual + ", should be " + expected.toLowerCase(Locale.ROOT));
        }
    }

    // Hashes the stream as if the first occurrence of pattern were ASCII zeros, holding
    // back only pattern.length - 1 bytes between reads.
    static void digestWithFirstOccurrenceZeroed(InputStream in, byte[] pattern, MessageDigest digest)
            throws IOException {
        byte[] window = new byte[64 * 1024 + pattern.length];
        int held = 0;
        boolean replaced = false;
        int n;
        while ((n = in.read(window, held, window.length - held)) > 0) {
            int filled = held + n;
            if (replaced) {
                digest.update(window, 0, filled);
                held = 0;
                continue;
            }
            int at = indexOf(window, filled, pattern);
            if (at >= 0) {
                digest.update(window, 0, at);
                for (int i = 0; i < pattern.length; i++) {
                    digest.update((byte) '0');
                }
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

    /** Collects the header while checking every range, in one pass. */
    private static final class ParsedHeader {
        private final String name;
        private FormatVersion version;
        private Long imageSize;
        private Long blockSize;
        private Long blocksCount;
        private Long mappedBlocksCount;
        private String checksumTypeName;
        private String fileChecksum;
        private long rangesBlocks;
        private int blockMapLine;

        ParsedHeader(String name) {
            this.name = name;
        }

        void readAll(XMLStreamReader xml) throws XMLStreamException {
            xml.nextTag();
            if (!"bmap".equals(xml.getLocalName())) {
                throw fail(xml, "the root element is <" + xml.getLocalName() + ">, not <bmap>");
            }
            String versionText = xml.getAttributeValue(null, "version");
            if (versionText == null) {
                throw fail(xml, "<bmap> has no version attribute");
            }
            version = FormatVersion.parse(versionText, name);
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "ImageSize" -> imageSize = number(xml, "ImageSize");
                    case "BlockSize" -> blockSize = number(xml, "BlockSize");
                    case "BlocksCount" -> blocksCount = number(xml, "BlocksCount");
                    case "MappedBlocksCount" -> mappedBlocksCount = number(xml, "MappedBlocksCount");
                    case "ChecksumType" -> checksumTypeName = xml.getElementText().strip();
                    case "BmapFileChecksum", "BmapFileSHA1" -> {
                        String element = xml.getLocalName();
                        String text = xml.getElementText().strip();
                        if (element.equals(version.fileChecksumElement())) {
                            fileChecksum = text;
                        }
                    }
                    case "BlockMap" -> readBlockMap(xml);
                    default -> skipElement(xml);
                }
            }
        }

        private void readBlockMap(XMLStreamReader xml) throws XMLStreamException {
            blockMapLine = xml.getLocation().getLineNumber();
            requireHeaderBeforeRanges(xml);
            ChecksumType type = checksumType(xml);
            RangeRules rules = new RangeRules(name, version, blocksCount, type);
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (!"Range".equals(xml.getLocalName())) {
                    skipElement(xml);
                    continue;
                }
                MappedRange range = rules.next(xml);
                rangesBlocks += range.blocks().length();
            }
        }

        private void requireHeaderBeforeRanges(XMLStreamReader xml) {
            if (imageSize == null) {
                throw fail(xml, "<ImageSize> is missing before <BlockMap>");
            }
            if (blockSize == null) {
                throw fail(xml, "<BlockSize> is missing before <BlockMap>");
            }
            if (blocksCount == null) {
                throw fail(xml, "<BlocksCount> is missing before <BlockMap>");
            }
            if (blockSize <= 0 || blockSize > Integer.MAX_VALUE) {
                throw fail(xml, "<BlockSize> " + blockSize + " is not a usable block size");
            }
            long expected = BmapHeader.blocksFor(imageSize, blockSize.intValue());
            if (blocksCount != expected) {
                throw fail(xml, "<BlocksCount> is " + blocksCount + " but an image of " + imageSize
                        + " bytes in blocks of " + blockSize + " has " + expected);
            }
        }

        private ChecksumType checksumType(XMLStreamReader xml) {
            if (version instanceof FormatVersion.Unchecked) {
                return null;
            }
            if (version instanceof FormatVersion.Sha1) {
                return ChecksumType.SHA1;
            }
            String typeName = checksumTypeName == null ? "sha256" : checksumTypeName;
            return ChecksumType.named(typeName)
                    .orElseThrow(() -> fail(xml, "unknown checksum type \"" + typeName + "\""));
        }

        BmapHeader toHeader() {
            if (blockMapLine == 0) {
                throw new BmapException("bmap file '" + name + "': <BlockMap> is missing");
            }
            if (mappedBlocksCount == null) {
                throw new BmapException("bmap file '" + name + "': <MappedBlocksCount> is missing");
            }
            if (rangesBlocks != mappedBlocksCount) {
                throw new BmapException("bmap file '" + name + "', line " + blockMapLine + ": the ranges hold "
                        + rangesBlocks + " blocks but <MappedBlocksCount> says " + mappedBlocksCount);
            }
            Optional<ChecksumType> type;
            if (version instanceof FormatVersion.Unchecked) {
                type = Optional.empty();
            } else if (version instanceof FormatVersion.Sha1) {
                type = Optional.of(ChecksumType.SHA1);
            } else {
                type = ChecksumType.named(checksumTypeName == null ? "sha256" : checksumTypeName);
            }
            return new BmapHeader(version, imageSize, blockSize.intValue(), blocksCount, mappedBlocksCount, type);
        }

        private long number(XMLStreamReader xml, String element) throws XMLStreamException {
            int line = xml.getLocation().getLineNumber();
            String text = xml.getElementText().strip();
            try {
                long value = Long.parseLong(text);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new BmapException("bmap file '" + name + "', line " + line + ": <" + element
                        + "> is \"" + text + "\", not a number");
            }
        }

        private BmapException fail(XMLStreamReader xml, String why) {
            return new BmapException("bmap file '" + name + "', line " + xml.getLocation().getLineNumber() + ": " + why);
        }
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Checks each range against the ones before it and the header. */
    private static final class RangeRules {
        private final String name;
        private final FormatVersion version;
        private final long blocksCount;
        private final ChecksumType type;
        private long nextFree;

        RangeRules(String name, FormatVersion version, long blocksCount, ChecksumType type) {
            this.name = name;
            this.version = version;
            this.blocksCount = blocksCount;
            this.type = type;
        }

        MappedRange next(XMLStreamReader xml) throws XMLStreamException {
            int line = xml.getLocation().getLineNumber();
            String attribute = version.rangeChecksumAttribute();
            String checksum = attribute == null ? null : xml.getAttributeValue(null, attribute);
            String text = xml.getElementText().strip();
            BlockRange blocks = parseRange(text, line);
            if (blocks.first() < nextFree) {
                throw fail(line, "range " + blocks + " overlaps or comes before the range above it");
            }
            if (blocks.last() >= blocksCount) {
                throw fail(line, "range " + blocks + " goes past the last block, " + (blocksCount - 1));
            }
            nextFree = blocks.last() + 1;
            if (checksum != null) {
                checksum = checksum.strip();
                if (!type.isWellFormed(checksum)) {
                    throw fail(line, "range " + blocks + " has checksum \"" + checksum + "\", not "
                            + type.hexLength() + " hex digits of " + type.name());
                }
            }
            return new MappedRange(blocks, Optional.ofNullable(checksum).map(c -> c.toLowerCase(Locale.ROOT)));
        }

        private BlockRange parseRange(String text, int line) {
            int dash = text.indexOf('-');
            try {
                long first = Long.parseLong((dash < 0 ? text : text.substring(0, dash)).strip());
                long last = dash < 0 ? first : Long.parseLong(text.substring(dash + 1).strip());
                if (first < 0) {
                    throw new NumberFormatException();
                }
                if (first > last) {
                    throw fail(line, "range \"" + text + "\" has its first block after its last");
                }
                return new BlockRange(first, last);
            } catch (NumberFormatException e) {
                throw fail(line, "range \"" + text + "\" is not \"first-last\" or \"block\"");
            }
        }

        private BmapException fail(int line, String why) {
            return new BmapException("bmap file '" + name + "', line " + line + ": " + why);
        }
    }

    /** Hands out the ranges of an already validated file, one parse step at a time. */
    private static final class RangeIterator implements Iterator<MappedRange> {
        private final XMLStreamReader xml;
        private final String name;
        private final String attribute;
        private MappedRange next;
        private boolean done;

        RangeIterator(XMLStreamReader xml, String name, FormatVersion version) {
            this.xml = xml;
            this.name = name;
            this.attribute = version.rangeChecksumAttribute();
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
                done = next == null;
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

        @Override
        public void forEachRemaining(Consumer<? super MappedRange> action) {
            while (hasNext()) {
                action.accept(next());
            }
        }

        private MappedRange advance() {
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && "Range".equals(xml.getLocalName())) {
                        String checksum = attribute == null ? null : xml.getAttributeValue(null, attribute);
                        String text = xml.getElementText().strip();
                        int dash = text.indexOf('-');
                        long first = Long.parseLong((dash < 0 ? text : text.substring(0, dash)).strip());
                        long last = dash < 0 ? first : Long.parseLong(text.substring(dash + 1).strip());
                        return new MappedRange(new BlockRange(first, last),
                                Optional.ofNullable(checksum).map(c -> c.strip().toLowerCase(Locale.ROOT)));
                    }
                }
                return null;
            } catch (XMLStreamException e) {
                throw malformed(name, e);
            } catch (RuntimeException e) {
                // The file changed since it was validated.
                throw new BmapException("bmap file '" + name + "' changed while it was being read", e);
            }
        }
    }
}
