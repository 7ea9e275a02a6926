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
    private final int[] seenOn = new int[Element.values().length];
    private ChecksumType checksumType;
    private String rangeAttribute;
    private BlockRange previous;
    private final StringBuilder rangeText = new StringBuilder(64);
    private long rangeBlocks;

    private BmapParser(String name, InputStream in, XMLStreamReader xml) {
        this.name = name;
        this.in = in;
        this.xml = xml;
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
            throw malformed(source.name(), e);
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
                if (nextTag() == XMLStreamConstants.END_ELEMENT) {
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
                    skipElement();
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
        int line = line();
        if (seenOn[Element.BLOCK_MAP.ordinal()] == 0) {
            throw fail(line, "<BlockMap> is missing");
        }
        if (mappedBlocksCount == null) {
            throw fail(line, "<MappedBlocksCount> is missing");
        }
        if (rangeBlocks != mappedBlocksCount) {
            throw fail(seenOn[Element.MAPPED_BLOCKS_COUNT.ordinal()], "<MappedBlocksCount> is " + mappedBlocksCount
                    + " but the ranges of <BlockMap> hold " + rangeBlocks + " blocks");
        }
        String checksumElement = version.fileChecksumElement();
        if (checksumElement != null) {
            Element element = Element.named(checksumElement);
            if (fileChecksum == null) {
                throw fail(line, "<" + checksumElement + "> is missing");
            }
            if (!checksumType.isWellFormed(fileChecksum)) {
                throw fail(seenOn[element.ordinal()], "<" + checksumElement + "> is \"" + fileChecksum + "\", not "
                        + checksumType.hexLength() + " hex digits of " + checksumType.name());
            }
        }
        BmapHeader header = new BmapHeader(version, imageSize, blockSize.intValue(), blocksCount,
                mappedBlocksCount, Optional.ofNullable(checksumType));
        int checksumLine = checksumElement == null ? 0 : seenOn[Element.named(checksumElement).ordinal()];
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
        if (nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw fail("there is no root element");
        }
        if (!"bmap".equals(xml.getLocalName())) {
            throw fail("the root element is <" + xml.getLocalName() + ">, not <bmap>");
        }
        String versionText = xml.getAttributeValue(null, "version");
        if (versionText == null) {
            throw fail("<bmap> has no version attribute");
        }
        version = VersionText.parse(versionText, this::fail);
        if (version instanceof FormatVersion.Sha1) {
            checksumType = ChecksumType.SHA1;
        }
    }

    private void headerElement(String elementName) throws XMLStreamException {
        Element element = Element.named(elementName);
        if (element == null) {
            // A later minor version may add elements; the format says to ignore them.
            skipElement();
            return;
        }
        int line = line();
        int first = seenOn[element.ordinal()];
        if (first != 0) {
            throw fail(line, "<" + elementName + "> appears twice (first on line " + first + ")");
        }
        seenOn[element.ordinal()] = line;
        boolean afterBlockMap = seenOn[Element.BLOCK_MAP.ordinal()] != 0;
        if (afterBlockMap && element.neededByRanges) {
            throw fail(line, "<" + elementName + "> comes after <BlockMap>; it must come before it");
        }
        switch (element) {
            case IMAGE_SIZE:
                imageSize = number(elementName);
                break;
            case BLOCK_SIZE:
                blockSize = number(elementName);
                if (blockSize == 0 || blockSize > Integer.MAX_VALUE) {
                    throw fail(line, "<BlockSize> is " + blockSize + ", not a usable block size");
                }
                break;
            case BLOCKS_COUNT:
                blocksCount = number(elementName);
                break;
            case MAPPED_BLOCKS_COUNT:
                mappedBlocksCount = number(elementName);
                break;
            case CHECKSUM_TYPE:
                checksumTypeName = text();
                break;
            case BMAP_FILE_CHECKSUM:
            case BMAP_FILE_SHA1:
                String text = text();
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
            throw fail(line, "<" + missing + "> is missing before <BlockMap>");
        }
        long expected = BmapHeader.blocksFor(imageSize, blockSize.intValue());
        if (blocksCount != expected) {
            throw fail(seenOn[Element.BLOCKS_COUNT.ordinal()], "<BlocksCount> is " + blocksCount + " but an image of "
                    + imageSize + " bytes in blocks of " + blockSize + " bytes has " + expected)
                    .afterUpstreamWords("Inconsistent bmap - image size does not match blocks count");
        }
        if (version instanceof FormatVersion.Typed) {
            String typeName = checksumTypeName == null ? ChecksumType.SHA256.name() : checksumTypeName;
            int typeLine = checksumTypeName == null ? line : seenOn[Element.CHECKSUM_TYPE.ordinal()];
            checksumType = ChecksumType.named(typeName)
                    .orElseThrow(() -> fail(typeLine, "unknown checksum type \"" + typeName + "\"")
                            .afterUpstreamWords("cannot initialize hash function \"" + typeName + "\""));
        }
        rangeAttribute = version.rangeChecksumAttribute();
        inBlockMap = true;
    }

    private MappedRange range() throws XMLStreamException {
        String checksum = rangeAttribute == null ? null : xml.getAttributeValue(null, rangeAttribute);
        // The hot path of a huge map: the text is parsed in place, and the line looked up only for a message.
        readText(rangeText);
        BlockRange blocks = blocks(rangeText);
        if (previous != null && blocks.first() <= previous.last()) {
            throw fail("range " + blocks + (blocks.first() < previous.first() ? " comes before" : " overlaps")
                    + " the range before it, " + previous);
        }
        if (blocks.last() >= blocksCount) {
            throw fail("range " + blocks + " goes past the last block of the image, " + (blocksCount - 1));
        }
        if (checksum != null) {
            checksum = checksum.strip();
            if (!checksumType.isWellFormed(checksum)) {
                throw fail("range " + blocks + " has checksum \"" + checksum + "\", not "
                        + checksumType.hexLength() + " hex digits of " + checksumType.name());
            }
            checksum = checksum.toLowerCase(Locale.ROOT);
        }
        previous = blocks;
        rangeBlocks += blocks.length();
        return new MappedRange(blocks, Optional.ofNullable(checksum));
    }

    // "first-last" or "block", blanks around each number allowed.
    private BlockRange blocks(CharSequence text) {
        int end = text.length();
        int at = skipBlanks(text, 0);
        int firstEnd = digitsEnd(text, at);
        long first = number(text, at, firstEnd);
        at = skipBlanks(text, firstEnd);
        long last = first;
        if (first >= 0 && at < end && text.charAt(at) == '-') {
            at = skipBlanks(text, at + 1);
            int lastEnd = digitsEnd(text, at);
            last = number(text, at, lastEnd);
            at = skipBlanks(text, lastEnd);
        }
        if (first < 0 || last < 0 || at != end) {
            throw fail("range \"" + text.toString().strip() + "\" is not \"first-last\" or a single block number");
        }
        if (first > last) {
            throw fail("range \"" + text.toString().strip() + "\" has its first block after its last")
                    .afterUpstreamWords("bad range (first > last): '" + text.toString().strip() + "'");
        }
        return new BlockRange(first, last);
    }

    private static int skipBlanks(CharSequence text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int digitsEnd(CharSequence text, int at) {
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    // The number text[from, to) holds, or -1 when it is empty or has more than 18 digits.
    private static long number(CharSequence text, int from, int to) {
        if (to == from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private long number(String element) throws XMLStreamException {
        int line = line();
        String text = text();
        long value = digitsEnd(text, 0) == text.length() ? number(text, 0, text.length()) : -1;
        if (value < 0) {
            throw fail(line, "<" + element + "> is \"" + text + "\", not a whole number"
                    + (text.length() > 18 ? " below 10^18" : ""));
        }
        return value;
    }

    // The text of the current element, which must hold no elements, stripped of blanks.
    private String text() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        readText(text);
        return text.toString().strip();
    }

    // Reads the current element's text into `text` (emptied first), up to its end tag.
    private void readText(StringBuilder text) throws XMLStreamException {
        String element = xml.getLocalName();
        text.setLength(0);
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (text.length() + xml.getTextLength() > XmlInput.MAX_TEXT) {
                        throw fail("<" + element + "> holds more than " + XmlInput.MAX_TEXT + " characters");
                    }
                    text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    return;
                case XMLStreamConstants.START_ELEMENT:
                    throw fail("<" + element + "> holds an element, <" + xml.getLocalName() + ">, where text should be");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw fail("entity reference &" + xml.getLocalName() + "; is not allowed in a bmap");
                default:
                    // Comments and processing instructions inside text are no part of it.
                    break;
            }
        }
    }

    // The next start or end tag, skipping what lies between elements.
    private int nextTag() throws XMLStreamException {
        while (true) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                case XMLStreamConstants.END_ELEMENT:
                    return event;
                case XMLStreamConstants.DTD:
                    throw fail("a DOCTYPE declaration is not allowed in a bmap");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw fail("entity reference &" + xml.getLocalName() + "; is not allowed in a bmap");
                case XMLStreamConstants.END_DOCUMENT:
                    return event;
                default:
                    // Blanks, comments, processing instructions and stray text carry nothing.
                    break;
            }
        }
    }

    // Skips an element a later format version may have added, and everything inside it.
    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw fail("entity reference &" + xml.getLocalName() + "; is not allowed in a bmap");
            }
        }
    }

    private int line() {
        return xml.getLocation().getLineNumber();
    }

    private BmapException fail(String why) {
        return fail(line(), why);
    }

    private BmapException fail(int line, String why) {
        return new BmapException("bmap file '" + name + "', line " + line + ": " + why);
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
        BmapException failure = malformed(name, e);
        if (failure.getMessage().startsWith("bmap file '" + name + "': ")) {
            return new BmapException(failure.getMessage().replaceFirst("^bmap file '[^\n]*?': ",
                    java.util.regex.Matcher.quoteReplacement("bmap file '" + name + "', line " + line() + ": ")), e);
        }
        return failure;
    }

    static BmapException malformed(String name, XMLStreamException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkupGuard.RunTooLong) {
                return new BmapException("bmap file '" + name + "': too large for a bmap: " + cause.getMessage(), e);
            }
            if (cause instanceof java.io.CharConversionException) {
                // Bytes that are not UTF-8 (a binary file, another encoding): the file is at
                // fault, not the disk. The decoder runs ahead of the parser, so neither the
                // parser's line nor the decoder's position ("byte #-1") says where: none is given.
                String detail = String.valueOf(cause.getMessage()).replaceFirst("\\s*\\(at char #.*$", "");
                return new BmapException("bmap file '" + name + "' is not UTF-8 text: "
                        + detail.substring(0, 1).toLowerCase(Locale.ROOT) + detail.substring(1), e);
            }
            if (cause instanceof IOException) {
                return new BmapException("cannot read bmap file '" + name + "': " + cause.getMessage(), e);
            }
        }
        String where = e.getLocation() != null && e.getLocation().getLineNumber() > 0
                ? ", line " + e.getLocation().getLineNumber() : "";
        String why = e.getMessage() == null ? "" : e.getMessage().lines()
                .filter(l -> !l.strip().startsWith("at [")).reduce((a, b) -> a + " " + b).orElse("").strip();
        // Parsers prefix their messages with the location; it is given once already.
        why = why.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
        boolean tooLarge = why.matches("(?i).*limit.*exceeded.*");
        BmapException failure = new BmapException("bmap file '" + name + "'" + where + ": "
                + (tooLarge ? "too large for a bmap: " : "not well-formed XML: ")
                + (why.isEmpty() ? "the parser gave no reason" : why), e);
        return tooLarge ? failure
                : failure.afterUpstreamWords("cannot parse the bmap file '" + name + "' which should be a proper XML file");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Only read from; nothing was lost.
        }
    }

    /** The elements of the format; {@code neededByRanges} ones must come before {@code <BlockMap>}. */
    private enum Element {
        IMAGE_SIZE("ImageSize", true),
        BLOCK_SIZE("BlockSize", true),
        BLOCKS_COUNT("BlocksCount", true),
        MAPPED_BLOCKS_COUNT("MappedBlocksCount", false),
        CHECKSUM_TYPE("ChecksumType", true),
        BMAP_FILE_CHECKSUM("BmapFileChecksum", false),
        BMAP_FILE_SHA1("BmapFileSHA1", false),
        BLOCK_MAP("BlockMap", false);

        final String xmlName;
        final boolean neededByRanges;

        Element(String xmlName, boolean neededByRanges) {
            this.xmlName = xmlName;
            this.neededByRanges = neededByRanges;
        }

        static Element named(String xmlName) {
            for (Element element : values()) {
                if (element.xmlName.equals(xmlName)) {
                    return element;
                }
            }
            return null;
        }
    }
}
