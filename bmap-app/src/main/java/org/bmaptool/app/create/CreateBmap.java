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
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.hashing.RangeHasher;
import org.bmaptool.app.report.Report;
import org.bmaptool.app.common.Ports;
import org.bmaptool.domain.block.BlockRange;
import org.bmaptool.domain.block.RangeUnion;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.format.BmapException;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.BmapWriter;
import org.bmaptool.domain.format.FormatVersion;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.domain.text.ByteRegion;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileLayout;

/**
 * The {@code create} use case: maps the image's data blocks through the extents port,
 * hashes the mapped ranges on every core, and writes the bmap as upstream bmaptool 3.9
 * does. The map is walked twice (once to count the mapped blocks the header needs, once
 * to hash and write), so that nothing grows with the number of ranges; a file whose
 * map or size changes in between is refused. The regions of {@code --nomap} are merged
 * into the file's own ranges ({@link RangeUnion}) and hashed as they read, holes as zeros.
 */
public final class CreateBmap {
    private final Ports ports;
    private final Report console;
    private final int threads;

    public CreateBmap(Ports ports, Report console) {
        this(ports, console, Runtime.getRuntime().availableProcessors());
    }

    /** With {@code threads} hashing threads. */
    CreateBmap(Ports ports, Report console, int threads) {
        this.ports = ports;
        this.console = console;
        this.threads = threads;
    }

    public void run(CreateRequest request) {
        Path image = request.image();
        Optional<Path> output = request.output();
        if (output.isPresent() && sameFile(image, output.get())) {
            throw new CommandException("the output file '" + output.get() + "' is the image file '" + image
                    + "' itself: refusing to overwrite it");
        }
        try (FileLayout layout = ports.extents().open(image)) {
            if (layout.size() == 0) {
                throw new CommandException("cannot generate bmap for zero-sized image file '" + image + "'");
            }
            int blockSize = layout.blockSize();
            long blocksCount = BmapHeader.blocksFor(layout.size(), blockSize);
            List<BlockRange> regions = regionBlocks(image, request.nomap(), layout.size(), blockSize);
            // One walk counts both: the file's own blocks (for upstream's warning) and those listed.
            long[] fileMapped = {0};
            Iterator<BlockRange> own = blockRanges(layout);
            Iterator<BlockRange> counted = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return own.hasNext();
                }

                @Override
                public BlockRange next() {
                    BlockRange range = own.next();
                    fileMapped[0] += range.length();
                    return range;
                }
            };
            long mapped = count(new RangeUnion(counted, regions));
            BmapHeader header = new BmapHeader(FormatVersion.CURRENT, layout.size(), blockSize, blocksCount,
                    mapped, Optional.of(ChecksumType.SHA256));
            Path written = output.isPresent() ? output.get() : Files.createTempFile("bmaptool-", ".bmap");
            boolean done = false;
            try {
                writeBmap(image, layout, regions, header, request.checksums(), written, output.isPresent());
                checkSizeUnchanged(image, layout.size());
                if (output.isEmpty()) {
                    Files.copy(written, console.output());
                    console.output().flush();
                }
                done = true;
            } finally {
                if (output.isEmpty() || !done) {
                    Files.deleteIfExists(written);
                }
            }
            // About the file itself: regions listed by --nomap do not make its holes expanded.
            if (fileMapped[0] == blocksCount) {
                console.warning("all " + HumanSize.bytes(layout.size()) + " are mapped, no holes in '" + image + "'");
                console.warning("was the image handled incorrectly and holes were expanded?");
            }
        } catch (BmapException e) {
            throw new CommandException("cannot generate bmap for file '" + image + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException("cannot create bmap for '" + image + "': " + e.getMessage(), e);
        }
    }

    /** The output file, or upstream's words for why it cannot be opened ({@code -o} only: else it is our temporary file). */
    private static OutputStream openOutput(Path output, boolean named) throws IOException {
        try {
            return Files.newOutputStream(output);
        } catch (IOException e) {
            if (!named) {
                throw e;
            }
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e)
                    .getReason() != null ? ((java.nio.file.FileSystemException) e).getReason() : e.toString();
            throw new CommandException("cannot open the output file '" + output + "': " + why, e);
        }
    }

    private static long count(Iterator<BlockRange> ranges) {
        long blocks = 0;
        while (ranges.hasNext()) {
            blocks += ranges.next().length();
        }
        return blocks;
    }

    /**
     * The blocks of each {@code --nomap} region, all checked before anything is written:
     * a region that ends past the image is refused, naming the image and the region.
     */
    static List<BlockRange> regionBlocks(Path image, List<ByteRegion> regions, long imageSize, int blockSize) {
        for (ByteRegion region : regions) {
            if (region.end() > imageSize) {
                throw new CommandException("--nomap region " + region + " ends past the end of image file '" + image
                        + "', which has " + imageSize + " bytes (" + HumanSize.bytes(imageSize) + ")");
            }
        }
        return regions.stream().map(region -> region.blocks(blockSize)).toList();
    }

    private void writeBmap(Path image, FileLayout layout, List<BlockRange> regions, BmapHeader header,
                           boolean checksums, Path output, boolean named) throws IOException {
        BmapWriter.Written written;
        try (FileChannel source = FileChannel.open(image);
             OutputStream out = new BufferedOutputStream(openOutput(output, named), 1 << 16)) {
            Iterator<BlockRange> ranges = regions.isEmpty() ? blockRanges(layout)
                    : new RangeUnion(blockRanges(layout), regions);
            if (checksums) {
                console.debug(MappedWindow.unmappable()
                        ? "hashing large ranges through mapped windows, each unmapped once hashed"
                        : "hashing by reads: mapped windows cannot be unmapped early here");
                try (RangeHasher hasher = new RangeHasher(threads)) {
                    written = BmapWriter.write(header, new RangeChecksums(ranges, source, image, ChecksumType.SHA256,
                            header.blockSize(), header.imageSize(), hasher), out);
                }
            } else {
                written = BmapWriter.write(header, withoutChecksums(ranges), out);
            }
        }
        try (FileChannel bmap = FileChannel.open(output, StandardOpenOption.WRITE)) {
            bmap.write(ByteBuffer.wrap(written.checksum().getBytes(StandardCharsets.US_ASCII)),
                    written.checksumOffset());
        }
    }

    private static Iterator<MappedRange> withoutChecksums(Iterator<BlockRange> ranges) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ranges.hasNext();
            }

            @Override
            public MappedRange next() {
                return new MappedRange(ranges.next(), Optional.empty());
            }
        };
    }

    private static void checkSizeUnchanged(Path image, long size) throws IOException {
        long now = Files.size(image);
        if (now != size) {
            throw new CommandException("the image file '" + image + "' changed size while its bmap was being created"
                    + " (from " + size + " to " + now + " bytes)");
        }
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
