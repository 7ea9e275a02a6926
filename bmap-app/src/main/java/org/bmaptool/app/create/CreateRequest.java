package org.bmaptool.app.create;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bmaptool.domain.text.ByteRegion;

/**
 * What {@code bmaptool create} was asked: the image, where to write the bmap (standard
 * output when empty), whether ranges get checksums, and the regions to list as mapped
 * whether the file system stores them or not ({@code --nomap}, none for upstream's bmap).
 */
public record CreateRequest(Path image, Optional<Path> output, boolean checksums, List<ByteRegion> nomap) {

    public CreateRequest {
        nomap = List.copyOf(nomap);
    }

    /** Upstream's request: the file's own data only. */
    public CreateRequest(Path image, Optional<Path> output, boolean checksums) {
        this(image, output, checksums, List.of());
    }
}
