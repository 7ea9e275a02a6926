package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.ports.PortException;

/** The active swap areas, from {@code /proc/swaps}: the path of each, as swapon was given it. */
record SwapTable(List<String> paths) {

    static SwapTable read(Path swaps) {
        try {
            return parse(Files.readAllLines(swaps));
        } catch (NoSuchFileException e) {
            // A kernel without swap support has no /proc/swaps, and then no swap either.
            return new SwapTable(List.of());
        } catch (IOException e) {
            throw new PortException("cannot read the swap table " + swaps + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code Filename Type Size Used Priority} lines after the header; paths are octal-escaped. */
    static SwapTable parse(List<String> lines) {
        return new SwapTable(lines.stream().skip(1).map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> MountTable.unescape(line.split("\\s+")[0])).toList());
    }
}
