package org.bmaptool.app.create;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.bmaptool.app.CommandException;
import org.bmaptool.app.Console;
import org.bmaptool.app.Ports;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.checksum.HexDigest;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.BmapWriter;
import org.bmaptool.domain.format.FormatVersion;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileLayout;

/**
 * The {@code create} use case: maps the image's data blocks through the extents port,
 * hashes each mapped range, and writes the bmap as upstream bmaptool 3.9 does.
 */
public final class CreateBmap {
    private final Ports ports;
    private final Console console;

    public CreateBmap(Ports ports, Console console) {
        this.ports = ports;
        this.console = console;
    }

    public void run(CreateRequest request) {
        Path image = request.image();
        if (request.output().isPresent() && sameFile(image, request.output().get())) {
            throw new CommandException("the bmap output '" + request.output().get()
                    + "' is the image itself: refusing to overwrite it");
        }
        try (FileLayout layout = ports.extents().open(image)) {
            if (layout.size() == 0) {
                throw new CommandException("cannot generate bmap for zero-sized image file '" + image + "'");
            }
            int blockSize = layout.blockSize();
            long blocksCount = BmapHeader.blocksFor(layout.size(), blockSize);
            long mapped = 0;
            for (Iterator<BlockRange> it = blockRanges(layout); it.hasNext(); ) {
                mapped += it.next().length();
            }
            BmapHeader header = new BmapHeader(FormatVersion.CURRENT, layout.size(), blockSize, blocksCount,
                    mapped, Optional.of(ChecksumType.SHA256));
            Path target = request.output().orElse(null);
            Path written = target != null ? target : Files.createTempFile("bmaptool-", ".bmap");
            try {
                writeBmap(image, layout, header, request.checksums(), written);
                if (target == null) {
                    Files.copy(written, console.out());
                    console.out().flush();
                }
            } finally {
                if (target == null) {
                    Files.deleteIfExists(written);
                }
            }
        } catch (IOException e) {
            throw new CommandException("cannot create bmap for '" + image + "': " + e.getMessage(), e);
        }
    }

    private void writeBmap(Path image, FileLayout layout, BmapHeader header, boolean checksums, Path output)
            throws IOException {
        BmapWriter.Written written;
        try (FileChannel source = FileChannel.open(image);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            Iterator<BlockRange> ranges = blockRanges(layout);
            Iterator<MappedRange> mapped = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return ranges.hasNext();
                }

                @Override
                public MappedRange next() {
                    BlockRange range = ranges.next();
                    String checksum = checksums ? checksum(source, range, header) : null;
                    return new MappedRange(range, Optional.ofNullable(checksum));
                }
            };
            written = BmapWriter.write(header, mapped, out);
        }
        try (FileChannel bmap = FileChannel.open(output, StandardOpenOption.WRITE)) {
            bmap.write(ByteBuffer.wrap(written.checksum().getBytes(StandardCharsets.US_ASCII)),
                    written.checksumOffset());
        }
    }

    private static String checksum(FileChannel source, BlockRange range, BmapHeader header) {
        MessageDigest digest = ChecksumType.SHA256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long position = range.startByte(header.blockSize());
        long end = range.endByte(header.blockSize(), header.imageSize());
        try {
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = source.read(buffer, position);
                if (n < 0) {
                    throw new CommandException("the image shrank while its bmap was being created");
                }
                buffer.flip();
                digest.update(buffer);
                position += n;
            }
        } catch (IOException e) {
            throw new CommandException("cannot read the image: " + e.getMessage(), e);
        }
        return HexDigest.of(digest.digest());
    }

    /** The block ranges the data extents cover, adjacent ones merged, as upstream's Filemap yields them. */
    static Iterator<BlockRange> blockRanges(FileLayout layout) {
        Iterator<ByteExtent> extents = layout.dataExtents();
        int blockSize = layout.blockSize();
        return new Iterator<>() {
            private BlockRange pending;

            @Override
            public boolean hasNext() {
                return pending != null || extents.hasNext();
            }

            @Override
            public BlockRange next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BlockRange current = pending;
                pending = null;
                while (extents.hasNext()) {
                    ByteExtent extent = extents.next();
                    BlockRange blocks = new BlockRange(extent.offset() / blockSize, (extent.end() - 1) / blockSize);
                    if (current == null) {
                        current = blocks;
                    } else if (blocks.first() <= current.last() + 1) {
                        current = new BlockRange(current.first(), Math.max(current.last(), blocks.last()));
                    } else {
                        pending = blocks;
                        return current;
                    }
                }
                return current;
            }
        };
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
