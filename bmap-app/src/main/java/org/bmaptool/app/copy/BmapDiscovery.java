package org.bmaptool.app.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where to look for the bmap of an image, in upstream bmaptool 3.9's order: the
 * {@code --bmap} location alone when given; otherwise {@code IMAGE.bmap}, then IMAGE
 * with each extension removed in turn plus {@code .bmap} ({@code disk.img.gz} gives
 * {@code disk.img.gz.bmap}, {@code disk.img.bmap}, {@code disk.bmap}). A pure function
 * over names: it never touches the file system, so the same rules serve paths and URLs.
 * For a URL the extensions come off the path only: its query string (a download token)
 * stays on every candidate, and a fragment, which is never sent, is dropped.
 */
public final class BmapDiscovery {

    private BmapDiscovery() {
    }

    /** The locations to try, first match wins. */
    public static List<String> candidates(String image, Optional<String> explicitBmap) {
        if (explicitBmap.isPresent()) {
            return List.of(explicitBmap.get());
        }
        String base = image;
        String query = "";
        if (image.contains("://")) {
            int hash = base.indexOf('#');
            if (hash >= 0) {
                base = base.substring(0, hash);
            }
            int question = base.indexOf('?');
            if (question >= 0) {
                query = base.substring(question);
                base = base.substring(0, question);
            }
        }
        List<String> names = new ArrayList<>();
        while (true) {
            names.add(base + ".bmap" + query);
            String stripped = withoutExtension(base);
            if (stripped.equals(base)) {
                return names;
            }
            base = stripped;
        }
    }

    /**
     * {@code name} without its last extension, as Python's {@code os.path.splitext} cuts
     * it: the extension is the last dot of the last path component and what follows,
     * unless that component has only leading dots before it ({@code .bashrc} has none).
     */
    static String withoutExtension(String name) {
        int start = name.lastIndexOf('/') + 1;
        int dot = name.lastIndexOf('.');
        if (dot <= start) {
            return name;
        }
        for (int i = start; i < dot; i++) {
            if (name.charAt(i) != '.') {
                return name.substring(0, dot);
            }
        }
        return name;
    }
}
