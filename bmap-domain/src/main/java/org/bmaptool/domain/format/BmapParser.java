package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.checksum.ChecksumType;

/**
 * One streaming pass over a bmap's XML: the header elements, then the ranges one at a
 * time as the caller pulls them, then whatever follows, checking every rule of the
 * format on the way. It holds only the current element, so memory stays flat however
 * many ranges the file has. Every failure is a {@link BmapException} reading
 * {@code bmap file 'NAME', line N: CAUSE}.
 */
final class BmapParser implements AutoCloseable {

    /** What the whole pass found: the header, and the file's own checksum where the format has one. */
    record Result(BmapHeader header, Optional<String> fileChecksum, int fileChecksumLine) {
    }

    private final String name;
    private final InputStream in;
    private final XMLStreamReader xml;
    private final XmlCursor cursor;

    private boolean started;
    private boolean inBlockMap;
    private boolean ended;
    private FormatVersion version;
    private Long imageSize;
    private Long blockSize;
    private Long blocksCount;
    private Long mappedBlocksCount;
    private String checksumTypeName;
    private String fileChecksum;
    private final int[] seenOn = new int[BmapElement.values().length];
    private ChecksumType checksumType;
    private String rangeAttribute;
    private BlockRange previous;
    private final StringBuilder rangeText = new StringBuilder(64);
    private long rangeBlocks;

    private BmapParser(String name, InputStream in, XMLStreamReader xml) {
        this.name = name;
        this.in = in;
        this.xml = xml;
        this.cursor = new XmlCursor(name, xml);
    }

    static BmapParser open(BmapSource source) {
        InputStream in;
        try {
            in = source.open();
        } catch (IOException e) {
            throw new BmapException("cannot read bmap file '" + source.name() + "': " + e.getMessage(), e);
        }
        try {
            return new BmapParser(source.name(), in, XmlInput.open(in));
        } catch (XMLStreamException e) {
            closeQuietly(in);
            throw MalformedBmap.of(source.name(), e);
        }
    }

    /** The next range of the block map, checked against the header and the range before it; null after the last. */
    MappedRange nextRange() {
        try {
            if (!started) {
                readRoot();
                started = true;
            }
            while (!ended) {
                if (cursor.nextTag() == XMLStreamConstants.END_ELEMENT) {
                    if (inBlockMap) {
                        inBlockMap = false;
                    } else {
                        ended = true;
                    }
                    continue;
                }
                String element = xml.getLocalName();
                if (inBlockMap) {
                    if ("Range".equals(element)) {
                        return range();
                    }
                    cursor.skipElement();
                } else {
                    headerElement(element);
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (BmapException e) {
            throw e;
        } catch (RuntimeException e) {
            throw lazilyMalformed(e);
        }
    }

    /** Reads to the end of the document and checks what can only be checked there. */
    Result finish() {
        while (nextRange() != null) {
            // Ranges the caller did not want are still checked.
        }
        try {
            // Junk after the root element makes the file not well formed.
            while (xml.hasNext()) {
                xml.next();
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            throw lazilyMalformed(e);
        }
        int line = cursor.line();
        if (seenOn[BmapElement.BLOCK_MAP.ordinal()] == 0) {
            throw cursor.fail(line, "<BlockMap> is missing");
        }
        if (mappedBlocksCount == null) {
            throw cursor.fail(line, "<MappedBlocksCount> is missing");
        }
        if (rangeBlocks != mappedBlocksCount) {
            throw cursor.fail(seenOn[BmapElement.MAPPED_BLOCKS_COUNT.ordinal()], "<MappedBlocksCount> is "
                    + mappedBlocksCount + " but the ranges of <BlockMap> hold " + rangeBlocks + " blocks");
        }
        String checksumElement = version.fileChecksumElement();
        if (checksumElement != null) {
            BmapElement element = BmapElement.named(checksumElement);
            if (fileChecksum == null) {
                throw cursor.fail(line, "<" + checksumElement + "> is missing");
            }
            if (!checksumType.isWellFormed(fileChecksum)) {
                throw cursor.fail(seenOn[element.ordinal()], "<" + checksumElement + "> is \"" + fileChecksum + "\", not "
                        + checksumType.hexLength() + " hex digits of " + checksumType.name());
            }
        }
        BmapHeader header = new BmapHeader(version, imageSize, blockSize.intValue(), blocksCount,
                mappedBlocksCount, Optional.ofNullable(checksumType));
        int checksumLine = checksumElement == null ? 0 : seenOn[BmapElement.named(checksumElement).ordinal()];
        return new Result(header, Optional.ofNullable(fileChecksum), checksumLine);
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // Closing a reader releases buffers only; there is nothing to report.
        }
        closeQuietly(in);
    }

    private void readRoot() throws XMLStreamException {
        if (cursor.nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw cursor.fail("there is no root element");
        }
        if (!"bmap".equals(xml.getLocalName())) {
            throw cursor.fail("the root element is <" + xml.getLocalName() + ">, not <bmap>");
        }
        String versionText = xml.getAttributeValue(null, "version");
        if (versionText == null) {
            throw cursor.fail("<bmap> has no version attribute");
        }
        version = VersionText.parse(versionText, cursor::fail);
        if (version instanceof FormatVersion.Sha1) {
            checksumType = ChecksumType.SHA1;
        }
    }

    private void headerElement(String elementName) throws XMLStreamException {
        BmapElement element = BmapElement.named(elementName);
        if (element == null) {
            // A later minor version may add elements; the format says to ignore them.
            cursor.skipElement();
            return;
        }
        int line = cursor.line();
        int first = seenOn[element.ordinal()];
        if (first != 0) {
            throw cursor.fail(line, "<" + elementName + "> appears twice (first on line " + first + ")");
        }
        seenOn[element.ordinal()] = line;
        boolean afterBlockMap = seenOn[BmapElement.BLOCK_MAP.ordinal()] != 0;
        if (afterBlockMap && element.neededByRanges) {
            throw cursor.fail(line, "<" + elementName + "> comes after <BlockMap>; it must come before it");
        }
        switch (element) {
            case IMAGE_SIZE:
                imageSize = cursor.number(elementName);
                break;
            case BLOCK_SIZE:
                blockSize = cursor.number(elementName);
                if (blockSize == 0 || blockSize > Integer.MAX_VALUE) {
                    throw cursor.fail(line, "<BlockSize> is " + blockSize + ", not a usable block size");
                }
                break;
            case BLOCKS_COUNT:
                blocksCount = cursor.number(elementName);
                break;
            case MAPPED_BLOCKS_COUNT:
                mappedBlocksCount = cursor.number(elementName);
                break;
            case CHECKSUM_TYPE:
                checksumTypeName = cursor.text();
                break;
            case BMAP_FILE_CHECKSUM:
            case BMAP_FILE_SHA1:
                String text = cursor.text();
                // Only the element of the file's own version counts; 1.2 files may carry a stray one.
                if (elementName.equals(version.fileChecksumElement())) {
                    fileChecksum = text;
                }
                break;
            case BLOCK_MAP:
                startBlockMap(line);
                break;
            default:
                throw new IllegalStateException(elementName);
        }
    }

    private void startBlockMap(int line) {
        String missing = imageSize == null ? "ImageSize" : blockSize == null ? "BlockSize"
                : blocksCount == null ? "BlocksCount" : null;
        if (missing != null) {
            throw cursor.fail(line, "<" + missing + "> is missing before <BlockMap>");
        }
        long expected = BmapHeader.blocksFor(imageSize, blockSize.intValue());
        if (blocksCount != expected) {
            throw cursor.fail(seenOn[BmapElement.BLOCKS_COUNT.ordinal()], "<BlocksCount> is " + blocksCount
                    + " but an image of "
                    + imageSize + " bytes in blocks of " + blockSize + " bytes has " + expected)
                    .afterUpstreamWords("Inconsistent bmap - image size does not match blocks count");
        }
        if (version instanceof FormatVersion.Typed) {
            String typeName = checksumTypeName == null ? ChecksumType.SHA256.name() : checksumTypeName;
            int typeLine = checksumTypeName == null ? line : seenOn[BmapElement.CHECKSUM_TYPE.ordinal()];
            checksumType = ChecksumType.named(typeName)
                    .orElseThrow(() -> cursor.fail(typeLine, "unknown checksum type \"" + typeName + "\"")
                            .afterUpstreamWords("cannot initialize hash function \"" + typeName + "\""));
        }
        rangeAttribute = version.rangeChecksumAttribute();
        inBlockMap = true;
    }

    private MappedRange range() throws XMLStreamException {
        String checksum = rangeAttribute == null ? null : xml.getAttributeValue(null, rangeAttribute);
        // The hot path of a huge map: the text is parsed in place, and the line looked up only for a message.
        cursor.readText(rangeText);
        BlockRange blocks = RangeText.parse(rangeText, cursor);
        if (previous != null && blocks.first() <= previous.last()) {
            throw cursor.fail("range " + blocks + (blocks.first() < previous.first() ? " comes before" : " overlaps")
                    + " the range before it, " + previous);
        }
        if (blocks.last() >= blocksCount) {
            throw cursor.fail("range " + blocks + " goes past the last block of the image, " + (blocksCount - 1));
        }
        if (checksum != null) {
            checksum = checksum.strip();
            if (!checksumType.isWellFormed(checksum)) {
                throw cursor.fail("range " + blocks + " has checksum \"" + checksum + "\", not "
                        + checksumType.hexLength() + " hex digits of " + checksumType.name());
            }
            checksum = checksum.toLowerCase(Locale.ROOT);
        }
        previous = blocks;
        rangeBlocks += blocks.length();
        return new MappedRange(blocks, Optional.ofNullable(checksum));
    }

    /**
     * Woodstox parses a text lazily, when it is asked for, and reports what it finds wrong
     * there (invalid UTF-8, say) as a runtime exception around the XMLStreamException.
     */
    private RuntimeException lazilyMalformed(RuntimeException e) {
        return e.getCause() instanceof XMLStreamException ? malformed((XMLStreamException) e.getCause()) : e;
    }

    // Parsers leave the location out of some errors (their size bounds): the reader knows it.
    private BmapException malformed(XMLStreamException e) {
        BmapException failure = MalformedBmap.of(name, e);
        if (failure.getMessage().startsWith("bmap file '" + name + "': ")) {
            return new BmapException(failure.getMessage().replaceFirst("^bmap file '[^\n]*?': ",
                    java.util.regex.Matcher.quoteReplacement("bmap file '" + name + "', line " + cursor.line() + ": ")), e);
        }
        return failure;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Only read from; nothing was lost.
        }
    }
}
