package org.bmaptool.app.pipeline;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bmaptool.domain.checksum.ChecksumType;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.source.ImageSource;

/**
 * What to copy: the spans in ascending order, to every one of {@code destinations}, the
 * block size that counts blocks, the hash of the checksums (empty: nothing verified), and
 * whether the image may end before the spans do (a whole image of unknown size copied
 * without a bmap).
 */
public record Job(ImageSource image, List<Destination> destinations, Iterator<Span> spans, int blockSize,
                  Optional<ChecksumType> verifyWith, boolean endAtEof) {

    public Job {
        destinations = List.copyOf(destinations);
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("a copy needs a destination");
        }
    }

    /** A copy to one destination. */
    public Job(ImageSource image, Destination destination, Iterator<Span> spans, int blockSize,
               Optional<ChecksumType> verifyWith, boolean endAtEof) {
        this(image, List.of(destination), spans, blockSize, verifyWith, endAtEof);
    }
}
