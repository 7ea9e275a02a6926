package org.bmaptool.app;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bmaptool.app.common.Ports;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.source.ImageSources;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The command line's contract: help, version, usage errors and error reporting. */
class MainTest {

    /** What help, version and usage errors run against: they must wire no ports. */
    private static final Ports NO_PORTS = null;

    private static Ports failingPorts(String message) {
        FileExtentsProbe extents = Mockito.mock(FileExtentsProbe.class);
        Mockito.when(extents.open(Mockito.any(Path.class))).thenThrow(new PortException(message));
        return new Ports(extents, Mockito.mock(ImageSources.class), Mockito.mock(Destinations.class),
                Mockito.mock(UncachedReader.class), Mockito.mock(org.bmaptool.ports.signature.SignatureVerifier.class));
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Run run = bmaptool(NO_PORTS, "-h");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: bmaptool"), run.out());
        assertTrue(run.out().contains("create") && run.out().contains("copy"), run.out());
    }

    @Test
    void everyCommandHasHelp() {
        assertTrue(bmaptool(NO_PORTS, "create", "-h").out().contains("--no-checksum"));
        Run copy = bmaptool(NO_PORTS, "copy", "--help");
        assertEquals(0, copy.exitCode());
        for (String option : new String[] {"--bmap", "--bmap-sig", "--nobmap", "--no-sig-verify", "--no-verify",
                "--psplash-pipe", "--removable-device", "--keyring", "--fingerprint"}) {
            assertTrue(copy.out().contains(option), "copy --help lacks " + option);
        }
    }

    @Test
    void versionPrintsNameAndVersion() {
        Run run = bmaptool(NO_PORTS, "--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("bmaptool \\d+\\.\\d+\\.\\d+\\S*\\R"), run.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = bmaptool(NO_PORTS, "copy", "--frobnicate", "a", "b");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bmaptool: error: Unknown option: '--frobnicate'"), run.err());
        assertTrue(run.err().contains("Usage: bmaptool copy"), run.err());
    }

    @Test
    void missingOperandIsAUsageError() {
        Run run = bmaptool(NO_PORTS, "copy", "image.img");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("DEST"), run.err());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, bmaptool(NO_PORTS).exitCode());
    }

    @Test
    void portErrorIsOneLineWithoutStackTrace() {
        Run run = bmaptool(failingPorts("cannot open image file 'x.img': no such file"), "create", "x.img");
        assertEquals(1, run.exitCode());
        assertEquals("bmaptool: ERROR: cannot open image file 'x.img': no such file" + System.lineSeparator(),
                run.err());
    }

    @Test
    void debugAddsTheStackTrace() {
        Run run = bmaptool(failingPorts("boom"), "--debug", "create", "x.img");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("bmaptool: ERROR: boom"), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void quietSilencesNothingOfErrors() {
        Run run = bmaptool(failingPorts("boom"), "-q", "create", "x.img");
        assertFalse(run.err().isEmpty());
    }
}
