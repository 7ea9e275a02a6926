package org.bmaptool.app.copy;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.util.Optional;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.Interrupted;
import org.bmaptool.app.pipeline.Cancelled;
import org.bmaptool.app.signature.BmapSignatureCheck;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.source.ImageSource;

/**
 * What the copy checks before it writes (the options, the bmap's checksums for a
 * read-back, the image's size against the bmap) and after (the image's end), each
 * failure in upstream's words or, for this project's options, ours.
 */
final class CopyChecks {

    private CopyChecks() {
    }

    /** The options, alone and together; nothing is opened yet. */
    static void checkRequest(CopyRequest request, Destinations destinations) {
        if (request.noBmap() && request.bmap().isPresent()) {
            throw new CommandException("--nobmap and --bmap cannot be used together");
        }
        if (request.image().isStandardInput() && request.bmap().isEmpty() && !request.noBmap()) {
            throw new CommandException("--bmap is required when the image comes from standard input");
        }
        if (request.readBack() && request.noBmap()) {
            throw new CommandException("--read-back needs a bmap with checksums: it cannot be used with --nobmap");
        }
        if (request.progressFile().isPresent() && request.progressFormat() != CopyRequest.ProgressFormat.JSON) {
            throw new CommandException("--progress-file is where --progress=json writes: give --progress=json too");
        }
        List<Path> paths = request.destinations();
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (destinations.sameDestination(paths.get(i), paths.get(j))) {
                    throw new CommandException("'" + paths.get(i) + "' and '" + paths.get(j)
                            + "' are the same destination: give each destination once");
                }
            }
        }
        BmapSignatureCheck.checkOptions(request);
    }

    /** A read-back needs a checksum for every range. */
    static void checkReadBack(Bmap bmap) {
        BmapHeader header = bmap.header();
        boolean unchecked;
        try (Stream<MappedRange> ranges = bmap.ranges()) {
            unchecked = ranges.anyMatch(range -> range.checksum().isEmpty());
        }
        if (header.checksumType().isEmpty() || unchecked) {
            throw new CommandException("bmap file '" + bmap.name() + "' has no checksums"
                    + (header.checksumType().isEmpty() ? " (format " + header.version().text() + ")"
                    : " for some of its ranges") + ": --read-back has nothing to verify the destination against");
        }
    }

    /** The image size the copy writes: the bmap's, which a known image size must match; else the image's own, if known. */
    static OptionalLong checkedImageSize(Optional<Bmap> bmap, ImageSource image) {
        OptionalLong actual = image.size();
        if (bmap.isEmpty()) {
            return actual;
        }
        long expected = bmap.get().header().imageSize();
        if (actual.isPresent() && actual.getAsLong() != expected) {
            throw new CommandException("image file '" + image.name() + "' has " + actual.getAsLong() + " bytes ("
                    + HumanSize.bytes(actual.getAsLong()) + ") but bmap file '" + bmap.get().name()
                    + "' describes an image of " + expected + " bytes (" + HumanSize.bytes(expected)
                    + "): the bmap does not belong to this image");
        }
        return OptionalLong.of(expected);
    }

    /**
     * Fails when reading the image to its end found it corrupt (a compressed stream whose
     * trailer or end does not check out, or bytes after it) or of another size than its
     * bmap says: the copy cannot be trusted, even where the mapped blocks were verified.
     */
    static void checkTail(ImageTail tail, CopyRequest request, Optional<Bmap> bmap, ImageSource image) {
        ImageTail.Outcome outcome;
        try {
            outcome = tail.await();
        } catch (Cancelled e) {
            throw new Interrupted("interrupted, exiting: '" + image.name() + "' was written to "
                    + CopyWords.quoted(request.destinations())
                    + " but not read to its end, so it is not known to be intact", e);
        }
        String untrusted = "the image is corrupt and what was written to " + CopyWords.quoted(request.destinations())
                + " cannot be trusted";
        RuntimeException failure = outcome.failure();
        if (failure != null) {
            // A decoder's failure is a whole line naming the file; a read error is only its cause.
            String cause = failure instanceof PortException && ((PortException) failure).subject().isEmpty()
                    ? failure.getMessage()
                    : "error while reading image file '" + image.name() + "' after its last mapped block: "
                    + PortException.reasonOf(failure);
            throw new CommandException(cause + "; " + untrusted, failure);
        }
        if (bmap.isPresent() && outcome.size().isPresent()
                && outcome.size().getAsLong() != bmap.get().header().imageSize()) {
            long actual = outcome.size().getAsLong();
            long expected = bmap.get().header().imageSize();
            throw new CommandException("image file '" + image.name() + "' has " + actual + " bytes ("
                    + HumanSize.bytes(actual) + ") but bmap file '" + bmap.get().name()
                    + "' describes an image of " + expected + " bytes (" + HumanSize.bytes(expected)
                    + "): the bmap does not belong to this image, or " + untrusted);
        }
    }
}
