package org.bmaptool.app.copy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmaptool.app.report.Report;
import org.bmaptool.domain.format.Bmap;
import org.bmaptool.domain.format.BmapHeader;
import org.bmaptool.domain.text.HumanSize;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;

/** How the copy names things in its lines, as upstream does: quoted lists, base names, the opening lines. */
final class CopyWords {

    private CopyWords() {
    }

    /** Upstream's three lines: format version, sizes, and what goes where. */
    static void describe(Report console, Bmap bmap, CopyRequest request, List<Destination> destinations) {
        BmapHeader header = bmap.header();
        console.info("block map format version " + header.version().text());
        console.info(header.blocksCount() + " blocks of size " + header.blockSize() + " ("
                + HumanSize.bytes(header.imageSize()) + "), mapped " + header.mappedBlocksCount()
                + " blocks (" + HumanSize.bytes(header.mappedBytes()) + " or "
                + HumanSize.percent(header.blocksCount() == 0 ? 0 : header.mappedBlocksCount() * 100.0
                / header.blocksCount()) + ")");
        List<String> each = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            Path path = request.destinations().get(i);
            each.add(destinations.get(i).kind() == DestinationKind.BLOCK_DEVICE ? "block device '" + path + "'"
                    : "file '" + baseName(path.toString()) + "'");
        }
        String where = each.size() == 1 ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
        console.info("copying image '" + baseName(request.image().masked()) + "' to " + where
                + " using bmap file '" + baseName(bmap.name()) + "'");
    }

    /** 'a', 'b' and 'c'. */
    static String quoted(List<Path> paths) {
        List<String> each = paths.stream().map(path -> "'" + path + "'").toList();
        return each.size() == 1 ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
    }

    static List<String> names(CopyRequest request) {
        return request.destinations().stream().map(Path::toString).toList();
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
