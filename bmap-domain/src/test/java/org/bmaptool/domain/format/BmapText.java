package org.bmaptool.domain.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;

/**
 * Builds bmap files for tests, one element per line so that tests can name lines: by
 * default a valid 2.0 bmap of a 40000-byte image in 4096-byte blocks with ranges 0-1, 3
 * and 5-9, whose range and file checksums are right. Each part can be replaced or
 * removed to break one rule at a time.
 */
final class BmapText {
    /** The value that makes {@link #bytes()} compute and write in the file's own checksum. */
    static final String COMPUTED = "computed";

    private String version = "2.0";
    private String rootAttributes = "";
    private final Map<String, String> header = new LinkedHashMap<>();
    private final List<String> ranges = new ArrayList<>();
    private String inBlockMap = "";
    private String afterBlockMap = "";
    private String afterRoot = "";
    private String prolog = "<?xml version=\"1.0\" ?>\n";

    private BmapText() {
    }

    /** The default valid 2.0 bmap. */
    static BmapText v2() {
        BmapText text = new BmapText();
        text.header.put("ImageSize", "40000");
        text.header.put("BlockSize", "4096");
        text.header.put("BlocksCount", "10");
        text.header.put("MappedBlocksCount", "8");
        text.header.put("ChecksumType", "sha256");
        text.header.put("BmapFileChecksum", COMPUTED);
        text.range("0-1").range("3").range("5-9");
        return text;
    }

    /** The same image as a version 1.3 file: SHA-1 in {@code sha1=} and {@code BmapFileSHA1}. */
    static BmapText v13() {
        BmapText text = v2().version("1.3").remove("ChecksumType").remove("BmapFileChecksum")
                .element("BmapFileSHA1", COMPUTED);
        text.ranges.clear();
        return text.range("0-1", "sha1=\"" + checksum("0-1", ChecksumType.SHA1) + "\"")
                .range("3", "sha1=\"" + checksum("3", ChecksumType.SHA1) + "\"")
                .range("5-9", "sha1=\"" + checksum("5-9", ChecksumType.SHA1) + "\"");
    }

    BmapText version(String version) {
        this.version = version;
        return this;
    }

    BmapText rootAttributes(String attributes) {
        this.rootAttributes = attributes;
        return this;
    }

    BmapText prolog(String prolog) {
        this.prolog = prolog;
        return this;
    }

    /** Sets a header element's text, adding the element last when it is new. */
    BmapText element(String name, String text) {
        header.put(name, text);
        return this;
    }

    BmapText remove(String name) {
        header.remove(name);
        return this;
    }

    /** Removes every range. */
    BmapText noRanges() {
        ranges.clear();
        return this;
    }

    /** A range with a right sha256 checksum of its text. */
    BmapText range(String blocks) {
        return range(blocks, "chksum=\"" + checksum(blocks, ChecksumType.SHA256) + "\"");
    }

    /** A range with the attributes given, verbatim. */
    BmapText range(String blocks, String attributes) {
        ranges.add("<Range" + (attributes.isEmpty() ? "" : " " + attributes) + "> " + blocks + " </Range>");
        return this;
    }

    BmapText inBlockMap(String xml) {
        this.inBlockMap = xml;
        return this;
    }

    BmapText afterBlockMap(String xml) {
        this.afterBlockMap = xml;
        return this;
    }

    BmapText afterRoot(String xml) {
        this.afterRoot = xml;
        return this;
    }

    /** A checksum a range may carry: the digest of its text, so that each range's differs. */
    static String checksum(String blocks, ChecksumType type) {
        return HexDigest.of(type.newDigest().digest(blocks.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The text, with zeros where a computed file checksum goes. */
    String text() {
        StringBuilder xml = new StringBuilder(prolog);
        xml.append("<bmap version=\"").append(version).append('"').append(rootAttributes).append(">\n");
        header.forEach((name, value) -> xml.append("    <").append(name).append("> ")
                .append(COMPUTED.equals(value) ? "0".repeat(fileChecksumType().hexLength()) : value)
                .append(" </").append(name).append(">\n"));
        xml.append("    <BlockMap>\n");
        for (String range : ranges) {
            xml.append("        ").append(range).append('\n');
        }
        xml.append(inBlockMap);
        xml.append("    </BlockMap>\n").append(afterBlockMap).append("</bmap>\n").append(afterRoot);
        return xml.toString();
    }

    /** The file's bytes, its own checksum computed over the text with zeros in its place. */
    byte[] bytes() {
        String text = text();
        if (!header.containsValue(COMPUTED)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ChecksumType type = fileChecksumType();
        String zeros = "0".repeat(type.hexLength());
        MessageDigest digest = type.newDigest();
        String checksum = HexDigest.of(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        return text.replaceFirst(zeros, checksum).getBytes(StandardCharsets.UTF_8);
    }

    BmapSource source() {
        return BmapSource.of("test.bmap", bytes());
    }

    /** The line number (from 1) of the first line holding {@code fragment}. */
    int lineOf(String fragment) {
        String[] lines = text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line holds " + fragment);
    }

    private ChecksumType fileChecksumType() {
        if (version.equals("1.3")) {
            return ChecksumType.SHA1;
        }
        String name = header.getOrDefault("ChecksumType", "sha256");
        return ChecksumType.named(name).orElse(ChecksumType.SHA256);
    }
}
