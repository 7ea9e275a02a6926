package org.bmaptool.linux.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.linux.kernel.RealKernel;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.DestinationsRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several regular files opened all or nothing, and two names of one file told apart: no root needed. */
class OpenAllDestinationsTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private final LinuxDestinations destinations = new LinuxDestinations(RealKernel::get);

    private static DestinationRequest request(Path path) {
        return new DestinationRequest(path, 4 * MIB, false, "disk.img");
    }

    @Test
    void everyDestinationOpensInTheRequestsOrder() {
        List<Path> paths = List.of(dir.resolve("a.img"), dir.resolve("b.img"));
        List<Destination> opened = destinations.openAll(paths.stream().map(OpenAllDestinationsTest::request).toList());
        try {
            assertEquals(paths.stream().map(Path::toString).toList(), opened.stream().map(Destination::name).toList());
        } finally {
            opened.forEach(Destination::close);
        }
    }

    @Test
    void aRefusalOpensNothingRemovesWhatItCreatedAndLeavesAnExistingFileAlone() throws Exception {
        Path created = dir.resolve("new.img");
        Path existing = dir.resolve("old.img");
        Files.writeString(existing, "keep me");
        Path refused = dir.resolve("no-such-dir/c.img");
        DestinationsRefused error = assertThrows(DestinationsRefused.class, () -> destinations.openAll(
                List.of(request(created), request(existing), request(refused))));
        assertEquals("2 destinations were refused: nothing was written to any of the 3 destinations", error.getMessage());
        assertEquals(2, error.refusals().size(), error.refusals().toString());
        assertTrue(error.refusals().get(0).startsWith("cannot create destination file '" + refused + "'"),
                error.refusals().get(0));
        assertEquals("'" + existing + "' was not opened: opening a file empties it", error.refusals().get(1));
        assertEquals(List.of(), error.warnings());
        assertFalse(Files.exists(created), "a file it created is removed again");
        assertEquals("keep me", Files.readString(existing), "an existing file is not even emptied");
    }

    @Test
    void twoNamesOfOneFileAreTheSameDestination() throws Exception {
        Path file = dir.resolve("a.img");
        Files.writeString(file, "x");
        Path link = dir.resolve("link.img");
        Files.createSymbolicLink(link, file);
        assertTrue(destinations.sameDestination(file, dir.resolve("./a.img")));
        assertTrue(destinations.sameDestination(file, link));
        assertFalse(destinations.sameDestination(file, dir.resolve("b.img")));
    }
}
