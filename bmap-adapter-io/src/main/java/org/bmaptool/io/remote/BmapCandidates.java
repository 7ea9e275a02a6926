package org.bmaptool.io.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a bmap may lie beside an image, as upstream bmaptool 3.9 looks for it: the image
 * name plus {@code .bmap}, then with each extension removed in turn plus {@code .bmap}.
 * For a URL the extensions come off the path only: a query string (a download token,
 * say) stays on every candidate and a fragment is dropped.
 */
public final class BmapCandidates {

    private BmapCandidates() {
    }

    /** The candidates for {@code image}, a path or a URL, in the order to try them. */
    public static List<String> of(String image) {
        String base = image;
        String query = "";
        int nameStart = base.lastIndexOf('/') + 1;
        if (RemoteLocation.isUrl(image)) {
            int fragment = base.indexOf('#');
            if (fragment >= 0) {
                base = base.substring(0, fragment);
            }
            int question = base.indexOf('?');
            if (question >= 0) {
                query = base.substring(question);
                base = base.substring(0, question);
            }
            nameStart = base.lastIndexOf('/') + 1;
        }
        List<String> names = new ArrayList<>();
        names.add(base + ".bmap" + query);
        int dot;
        while ((dot = base.lastIndexOf('.')) > nameStart) {
            base = base.substring(0, dot);
            names.add(base + ".bmap" + query);
        }
        return names;
    }
}
