package org.bmaptool.io.compression.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * The archives upstream bmaptool takes an image out of: a tar archive inside a stream
 * compression, or a zip archive, which compresses its entries itself. Kept apart from the
 * stream compressions, as Commons Compress keeps its archivers apart from its compressors.
 */
public enum ArchiveFormat {
    TAR("tar"),
    ZIP("zip");

    private final String displayName;

    ArchiveFormat(String displayName) {
        this.displayName = displayName;
    }

    /** The name in messages: "zip archive". */
    public String displayName() {
        return displayName;
    }

    /** The image in {@code archive}: its first regular file (tar) or first file entry (zip). */
    public ArchiveMember firstFile(InputStream archive) throws IOException {
        return switch (this) {
            case TAR -> ArchiveMember.firstTarFile(archive);
            case ZIP -> ArchiveMember.firstZipFile(archive);
        };
    }
}
