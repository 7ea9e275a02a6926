package org.bmaptool.app.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bmaptool.ports.location.Location;

/**
 * Where to look for the bmap of an image, in upstream bmaptool 3.9's order: the
 * {@code --bmap} location alone when given; otherwise {@code IMAGE.bmap}, then IMAGE
 * with each extension removed in turn plus {@code .bmap} ({@code disk.img.gz} gives
 * {@code disk.img.gz.bmap}, {@code disk.img.bmap}, {@code disk.bmap}). A pure function
 * over {@link Location}s: it never touches the file system, so the same rules serve paths
 * and URLs. For a URL the names change on the path only: its query string (a download
 * token) stays on every candidate.
 */
public final class BmapDiscovery {

    private BmapDiscovery() {
    }

    /** The locations to try, first match wins. */
    public static List<Location> candidates(Location image, Optional<Location> explicitBmap) {
        if (explicitBmap.isPresent()) {
            return List.of(explicitBmap.get());
        }
        if (image.isStandardInput()) {
            return List.of();
        }
        List<Location> names = new ArrayList<>();
        Location base = image;
        while (true) {
            names.add(base.sibling(".bmap"));
            Location stripped = base.withoutExtension();
            if (stripped.equals(base)) {
                return names;
            }
            base = stripped;
        }
    }
}
