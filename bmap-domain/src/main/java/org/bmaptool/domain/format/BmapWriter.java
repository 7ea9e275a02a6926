package org.bmaptool.domain.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;
import org.bmaptool.domain.text.HumanSize;

/**
 * Writes a format 2.0 bmap byte for byte as upstream bmaptool 3.9 writes it for the same
 * facts: the same comments, spacing and padding. Ranges are written as they arrive and
 * hashed on the way, so the file's own checksum is known at the end without reading the
 * file back; the caller puts it in at {@link Written#checksumOffset()}.
 */
public final class BmapWriter {

    private static final String START = """
            <?xml version="1.0" ?>
            <!-- This file contains the block map for an image file, which is basically
                 a list of useful (mapped) block numbers in the image file. In other words,
                 it lists only those blocks which contain data (boot sector, partition
                 table, file-system metadata, files, directories, extents, etc). These
                 blocks have to be copied to the target device. The other blocks do not
                 contain any useful data and do not have to be copied to the target
                 device.

                 The block map is an optimization which allows to copy or flash the image
                 to the image quicker than copying of flashing the entire image. This is
                 because with bmap less data is copied: <MappedBlocksCount> blocks instead
                 of <BlocksCount> blocks.

                 Besides the machine-readable data, this file contains useful commentaries
                 which contain human-readable information like image size, percentage of
                 mapped data, etc.

                 The 'version' attribute is the block map file format version in the
                 'major.minor' format. The version major number is increased whenever an
                 incompatible block map format change is made. The minor number changes
                 in case of minor backward-compatible changes. -->

            <bmap version="%s">
                <!-- Image size in bytes: %s -->
                <ImageSize> %d </ImageSize>

                <!-- Size of a block in bytes -->
                <BlockSize> %d </BlockSize>

                <!-- Count of blocks in the image file -->
                <BlocksCount> %d </BlocksCount>

            """;

    /** Where the file checksum goes and what it is. */
    public record Written(long checksumOffset, String checksum, long length) {
    }

    private BmapWriter() {
    }

    /**
     * Writes the bmap for {@code header} with {@code ranges} to {@code out}, with ASCII
     * zeros where the file checksum goes.
     *
     * @throws BmapException when the ranges do not add up to the header's mapped blocks
     */
    public static Written write(BmapHeader header, Iterator<MappedRange> ranges, OutputStream out)
            throws IOException {
        ChecksumType type = header.checksumType().orElse(ChecksumType.SHA256);
        HashingOutput sink = new HashingOutput(out, type.newDigest());
        sink.write(headerText(header));
        sink.write("    <BmapFileChecksum> ");
        long checksumOffset = sink.count;
        sink.write("0".repeat(type.hexLength()) + " </BmapFileChecksum>\n\n");
        sink.write("""
                    <!-- The block map which consists of elements which may either be a
                         range of blocks or a single block. The 'chksum' attribute
                         (if present) is the checksum of this block range. -->
                    <BlockMap>
                """);
        long mapped = 0;
        StringBuilder line = new StringBuilder(128);
        while (ranges.hasNext()) {
            MappedRange range = ranges.next();
            mapped += range.blocks().length();
            line.setLength(0);
            line.append("        <Range");
            range.checksum().ifPresent(c -> line.append(" chksum=\"").append(c).append('"'));
            line.append("> ").append(range.blocks()).append(" </Range>\n");
            sink.write(line);
        }
        sink.write("    </BlockMap>\n</bmap>\n");
        if (mapped != header.mappedBlocksCount()) {
            throw new BmapException("the image's ranges hold " + mapped + " blocks, not the "
                    + header.mappedBlocksCount() + " counted before: the image changed while it was mapped");
        }
        return new Written(checksumOffset, HexDigest.of(sink.digest.digest()), sink.count);
    }

    // Upstream writes blanks for the mapped counts first and writes the numbers over
    // them at the end; the text is built the same way so the padding comes out the same.
    private static String headerText(BmapHeader header) {
        String imageHuman = HumanSize.bytes(header.imageSize());
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, START, "2.0", imageHuman,
                header.imageSize(), header.blockSize(), header.blocksCount()));
        text.append("    <!-- Count of mapped blocks: ");
        int countHumanAt = text.length();
        text.append(" ".repeat(imageHuman.length())).append(" or ").append(" ".repeat("100.0%".length()))
                .append("   -->\n");
        text.append("    <MappedBlocksCount> ");
        int countAt = text.length();
        text.append(" ".repeat(Long.toString(header.blocksCount()).length())).append(" </MappedBlocksCount>\n\n");
        ChecksumType type = header.checksumType().orElse(ChecksumType.SHA256);
        text.append("    <!-- Type of checksum used in this file -->\n");
        text.append("    <ChecksumType> ").append(type.name()).append(" </ChecksumType>\n\n");
        text.append("    <!-- The checksum of this bmap file. When it is calculated, the value of\n");
        text.append("         the checksum has to be zero (all ASCII \"0\" symbols).  -->\n");

        double percent = header.blocksCount() == 0 ? 0 : header.mappedBlocksCount() * 100.0 / header.blocksCount();
        overwrite(text, countHumanAt, HumanSize.bytes(header.mappedBytes()) + " or " + HumanSize.percent(percent));
        overwrite(text, countAt, Long.toString(header.mappedBlocksCount()));
        return text.toString();
    }

    private static void overwrite(StringBuilder text, int at, String value) {
        text.replace(at, Math.min(at + value.length(), text.length()), value);
    }

    /** Counts and hashes what passes to the output. */
    private static final class HashingOutput {
        private final OutputStream out;
        private final MessageDigest digest;
        private long count;

        HashingOutput(OutputStream out, MessageDigest digest) {
            this.out = out;
            this.digest = digest;
        }

        void write(CharSequence text) throws IOException {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            digest.update(bytes);
            count += bytes.length;
        }
    }
}
