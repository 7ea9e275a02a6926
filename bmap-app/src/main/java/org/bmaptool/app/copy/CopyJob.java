package org.bmaptool.app.copy;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.pipeline.CopyPipeline;
import org.bmaptool.app.pipeline.Job;
import org.bmaptool.app.pipeline.Outcome;
import org.bmaptool.app.pipeline.Span;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.source.ImageSource;

/**
 * The pipeline's job for a copy: the bmap's ranges as spans with their checksums (none
 * with {@code --no-verify}), or the whole image without a bmap; and the check that the
 * image held every mapped block the bmap promised.
 */
final class CopyJob {
    /** Upstream's block size for counting when there is no bmap. */
    private static final int NO_BMAP_BLOCK_SIZE = 4096;

    private CopyJob() {
    }

    static Outcome run(CopyPipeline pipeline, CopyRequest request, Optional<Bmap> bmap,
                       ImageSource image, List<Destination> destinations, OptionalLong imageSize) {
        if (bmap.isEmpty()) {
            long end = imageSize.orElse(Long.MAX_VALUE);
            Iterator<Span> whole = List.of(new Span(0, Math.max(0, (end - 1) / NO_BMAP_BLOCK_SIZE), 0, end,
                    Optional.empty())).iterator();
            return pipeline.run(new Job(image, destinations, whole, NO_BMAP_BLOCK_SIZE, Optional.empty(), true));
        }
        BmapHeader header = bmap.get().header();
        Optional<ChecksumType> verifyWith = request.noVerify() ? Optional.empty() : header.checksumType();
        try (Stream<MappedRange> ranges = bmap.get().ranges()) {
            Iterator<Span> spans = ranges.map(range -> new Span(range.blocks().first(), range.blocks().last(),
                    range.blocks().startByte(header.blockSize()),
                    range.blocks().endByte(header.blockSize(), header.imageSize()), range.checksum())).iterator();
            Outcome outcome = pipeline.run(new Job(image, destinations, spans, header.blockSize(), verifyWith, false));
            if (outcome.blocksRead() != header.mappedBlocksCount()) {
                String where = destinations.size() == 1 ? "'" + destinations.get(0).name() + "'"
                        : CopyWords.quoted(request.destinations());
                throw new CommandException("wrote " + outcome.blocksRead() + " blocks from image '" + image.name()
                        + "' to " + where + ", but should have " + header.mappedBlocksCount()
                        + " - bmap file '" + bmap.get().name() + "' does not belong to this image");
            }
            return outcome;
        }
    }
}
