package org.bmaptool.io.compression;

import java.util.List;
import java.util.Optional;
import org.bmaptool.io.compression.archive.ArchiveFormat;
import org.bmaptool.ports.location.Location;

/**
 * How an image file is packed, told by its name exactly as upstream bmaptool 3.9 tells
 * it: the compression, and whether the compressed bytes are a tar archive whose first
 * file is the image. A zip archive's first entry is the image.
 *
 * @param codec the stream compression; none for a zip archive, which compresses its entries itself
 * @param archive the archive whose first file is the image: tar inside a compression, or zip alone
 */
record ImageFormat(Optional<Codec> codec, Optional<ArchiveFormat> archive) {

    ImageFormat {
        // A compressed stream, a compressed tar archive, or a zip archive: nothing else is read.
        if (codec.isPresent() ? archive.isPresent() && archive.get() != ArchiveFormat.TAR
                : archive.isEmpty() || archive.get() != ArchiveFormat.ZIP) {
            throw new IllegalArgumentException("not an image format: " + codec + ", " + archive);
        }
    }

    /** A compressed stream, or a compressed tar archive when {@code tar}. */
    ImageFormat(Codec codec, boolean tar) {
        this(Optional.of(codec), tar ? Optional.of(ArchiveFormat.TAR) : Optional.empty());
    }

    private record Suffix(String text, ImageFormat format) {
    }

    // Longest first: ".tar.gz" must win over ".gz".
    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix(".tar.gz", new ImageFormat(Codec.GZIP, true)),
            new Suffix(".tar.bz2", new ImageFormat(Codec.BZIP2, true)),
            new Suffix(".tar.xz", new ImageFormat(Codec.XZ, true)),
            new Suffix(".tar.lzo", new ImageFormat(Codec.LZOP, true)),
            new Suffix(".tar.lz4", new ImageFormat(Codec.LZ4, true)),
            new Suffix(".tar.zst", new ImageFormat(Codec.ZSTD, true)),
            new Suffix(".gzip", new ImageFormat(Codec.GZIP, false)),
            new Suffix(".tlz4", new ImageFormat(Codec.LZ4, true)),
            new Suffix(".tbz2", new ImageFormat(Codec.BZIP2, true)),
            new Suffix(".tzst", new ImageFormat(Codec.ZSTD, true)),
            new Suffix(".tgz", new ImageFormat(Codec.GZIP, true)),
            new Suffix(".tbz", new ImageFormat(Codec.BZIP2, true)),
            new Suffix(".tb2", new ImageFormat(Codec.BZIP2, true)),
            new Suffix(".txz", new ImageFormat(Codec.XZ, true)),
            new Suffix(".tzo", new ImageFormat(Codec.LZOP, true)),
            new Suffix(".bz2", new ImageFormat(Codec.BZIP2, false)),
            new Suffix(".lzo", new ImageFormat(Codec.LZOP, false)),
            new Suffix(".lz4", new ImageFormat(Codec.LZ4, false)),
            new Suffix(".zst", new ImageFormat(Codec.ZSTD, false)),
            new Suffix(".zip", new ImageFormat(Optional.empty(), Optional.of(ArchiveFormat.ZIP))),
            new Suffix(".gz", new ImageFormat(Codec.GZIP, false)),
            new Suffix(".xz", new ImageFormat(Codec.XZ, false)));

    /**
     * The format a location's name says, or empty for a raw image. Upstream compares the
     * name case-sensitively, and so do we; of a URL only the path counts, so that a query
     * string ({@code image.gz?token=x}) does not hide the extension.
     */
    static Optional<ImageFormat> of(Location location) {
        String name = location.fileName();
        for (Suffix suffix : SUFFIXES) {
            if (name.endsWith(suffix.text())) {
                return Optional.of(suffix.format());
            }
        }
        return Optional.empty();
    }

    /** What the file is, for messages: "gzip stream", "zip archive", "gzip-compressed tar archive". */
    String description() {
        if (codec.isEmpty()) {
            return archive.orElseThrow().displayName() + " archive";
        }
        String compression = codec.get().displayName();
        return archive.isPresent() ? compression + "-compressed tar archive" : compression + " stream";
    }
}
