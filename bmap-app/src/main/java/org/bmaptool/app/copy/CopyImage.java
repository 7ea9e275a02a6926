package org.bmaptool.app.copy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bmaptool.app.CommandException;
import org.bmaptool.app.Console;
import org.bmaptool.app.Ports;
import org.bmaptool.app.signature.BmapSignatureCheck;
import org.bmaptool.domain.checksum.HexDigest;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.format.BmapReader;
import org.bmaptool.domain.format.BmapSource;
import org.bmaptool.domain.format.MappedRange;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.source.ImageSource;

/**
 * The {@code copy} use case: finds and checks the bmap, opens the image and the
 * destination, and writes the mapped ranges, verifying each range's checksum.
 */
public final class CopyImage {
    private static final int CHUNK = 1 << 20;

    private final Ports ports;
    private final Console console;

    public CopyImage(Ports ports, Console console) {
        this.ports = ports;
        this.console = console;
    }

    public void run(CopyRequest request) {
        if (request.noBmap() && request.bmap().isPresent()) {
            throw new CommandException("--nobmap and --bmap cannot be used together");
        }
        if ("-".equals(request.image()) && request.bmap().isEmpty() && !request.noBmap()) {
            throw new CommandException("--bmap is required when the image comes from standard input");
        }
        BmapSignatureCheck.checkOptions(request);
        Optional<Bmap> bmap = request.noBmap() ? Optional.empty() : Optional.of(findBmap(request));
        long started = System.nanoTime();
        try (ImageSource image = ports.sources().open(request.image())) {
            long imageSize = bmap.map(b -> b.header().imageSize())
                    .orElseGet(() -> image.size().orElseThrow(() -> new CommandException(
                            "the size of '" + image.name() + "' is unknown: a bmap is needed to copy it")));
            bmap.ifPresent(b -> console.info("block map format version " + b.header().version().text()));
            try (Destination destination = ports.destinations().open(
                    new DestinationRequest(request.destination(), imageSize, request.removableDevice()))) {
                long written;
                if (bmap.isPresent()) {
                    BmapHeader header = bmap.get().header();
                    console.info(header.blocksCount() + " blocks of size " + header.blockSize() + " ("
                            + HumanSize.bytes(header.imageSize()) + "), mapped " + header.mappedBlocksCount()
                            + " blocks (" + HumanSize.bytes(header.mappedBytes()) + " or "
                            + HumanSize.percent(header.mappedBlocksCount() * 100.0 / header.blocksCount()) + ")");
                    console.info("copying image '" + image.name() + "' to " + destination.name()
                            + " using bmap file '" + bmap.get().name() + "'");
                    written = copyMapped(bmap.get(), image, destination, !request.noVerify());
                } else {
                    console.info("no bmap given, copy entire image to '" + destination.name() + "'");
                    written = copyRange(image, destination, 0, imageSize, null);
                }
                console.info("synchronizing '" + destination.name() + "'");
                destination.sync();
                double seconds = (System.nanoTime() - started) / 1e9;
                console.info("copying time: " + HumanSize.seconds(seconds) + ", copying speed "
                        + HumanSize.bytes((long) (written / Math.max(seconds, 1e-9))) + "/sec");
            }
        } catch (IOException e) {
            throw new CommandException("cannot copy '" + ports.sources().displayName(request.image()) + "' to '" + request.destination()
                    + "': " + e.getMessage(), e);
        }
    }

    private Bmap findBmap(CopyRequest request) {
        for (String candidate : bmapCandidates(request)) {
            Optional<byte[]> bytes = ports.sources().readIfExists(candidate);
            if (bytes.isPresent()) {
                String name = ports.sources().displayName(candidate);
                console.info("discovered bmap file '" + name + "'");
                byte[] verified = new BmapSignatureCheck(ports, console).verifiedBmap(request, candidate, bytes.get());
                return BmapReader.read(BmapSource.of(name, verified));
            }
            if (request.bmap().isPresent()) {
                throw new CommandException("cannot open bmap file '" + ports.sources().displayName(candidate)
                        + "': no such file");
            }
        }
        throw new CommandException("bmap file not found; please, use --nobmap option to flash without bmap");
    }

    /** --bmap, else IMAGE.bmap, then IMAGE with each extension removed in turn plus .bmap. */
    static List<String> bmapCandidates(CopyRequest request) {
        if (request.bmap().isPresent()) {
            return List.of(request.bmap().get());
        }
        List<String> names = new ArrayList<>();
        String base = request.image();
        names.add(base + ".bmap");
        int slash = base.lastIndexOf('/');
        int dot;
        while ((dot = base.lastIndexOf('.')) > slash + 1) {
            base = base.substring(0, dot);
            names.add(base + ".bmap");
        }
        return names;
    }

    private long copyMapped(Bmap bmap, ImageSource image, Destination destination, boolean verify)
            throws IOException {
        BmapHeader header = bmap.header();
        long total = 0;
        try (Stream<MappedRange> ranges = bmap.ranges()) {
            for (MappedRange range : (Iterable<MappedRange>) ranges::iterator) {
                long start = range.blocks().startByte(header.blockSize());
                long end = range.blocks().endByte(header.blockSize(), header.imageSize());
                MessageDigest digest = verify && range.checksum().isPresent()
                        ? header.checksumType().orElseThrow().newDigest() : null;
                long copied = copyRange(image, destination, start, end, digest);
                if (copied < end - start) {
                    throw new CommandException("image '" + image.name() + "' ends at byte " + (start + copied)
                            + " but bmap '" + bmap.name() + "' maps blocks up to byte " + end
                            + ": the bmap does not belong to this image");
                }
                if (digest != null) {
                    String actual = HexDigest.of(digest.digest());
                    if (!actual.equals(range.checksum().get())) {
                        throw new CommandException("checksum mismatch for blocks range " + range.blocks()
                                + ": calculated " + actual + ", should be " + range.checksum().get()
                                + " (image file '" + image.name() + "')");
                    }
                }
                total += copied;
            }
        }
        return total;
    }

    private static long copyRange(ImageSource image, Destination destination, long start, long end,
                                  MessageDigest digest) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        long position = start;
        while (position < end) {
            buffer.clear().limit((int) Math.min(CHUNK, end - position));
            int n = image.read(buffer, position);
            if (n < 0) {
                break;
            }
            buffer.flip();
            if (digest != null) {
                digest.update(buffer.duplicate());
            }
            destination.write(buffer, position);
            position += n;
        }
        return position - start;
    }
}
