package org.bmaptool.app;

import org.bmaptool.app.common.Ports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.ports.source.ImageSources;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The command line's contract: help, version, usage errors and error reporting. */
class MainTest {

    /** One run of the command line with captured output. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Ports ports, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> ports, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Ports failingPorts(String message) {
        FileExtentsProbe extents = Mockito.mock(FileExtentsProbe.class);
        Mockito.when(extents.open(Mockito.any(Path.class))).thenThrow(new PortException(message));
        return new Ports(extents, Mockito.mock(ImageSources.class), Mockito.mock(Destinations.class),
                Mockito.mock(UncachedReader.class), Mockito.mock(org.bmaptool.ports.signature.SignatureVerifier.class));
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Run run = run(null, "-h");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: bmaptool"), run.out());
        assertTrue(run.out().contains("create") && run.out().contains("copy"), run.out());
    }

    @Test
    void everyCommandHasHelp() {
        assertTrue(run(null, "create", "-h").out().contains("--no-checksum"));
        Run copy = run(null, "copy", "--help");
        assertEquals(0, copy.exitCode());
        for (String option : new String[] {"--bmap", "--bmap-sig", "--nobmap", "--no-sig-verify", "--no-verify",
                "--psplash-pipe", "--removable-device", "--keyring", "--fingerprint"}) {
            assertTrue(copy.out().contains(option), "copy --help lacks " + option);
        }
    }

    @Test
    void versionPrintsNameAndVersion() {
        Run run = run(null, "--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("bmaptool \\d+\\.\\d+\\.\\d+\\S*\\R"), run.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run run = run(null, "copy", "--frobnicate", "a", "b");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bmaptool: error: Unknown option: '--frobnicate'"), run.err());
        assertTrue(run.err().contains("Usage: bmaptool copy"), run.err());
    }

    @Test
    void missingOperandIsAUsageError() {
        Run run = run(null, "copy", "image.img");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("DEST"), run.err());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run(null).exitCode());
    }

    @Test
    void portErrorIsOneLineWithoutStackTrace() {
        Run run = run(failingPorts("cannot open image file 'x.img': no such file"), "create", "x.img");
        assertEquals(1, run.exitCode());
        assertEquals("bmaptool: ERROR: cannot open image file 'x.img': no such file" + System.lineSeparator(),
                run.err());
    }

    @Test
    void debugAddsTheStackTrace() {
        Run run = run(failingPorts("boom"), "--debug", "create", "x.img");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("bmaptool: ERROR: boom"), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void quietSilencesNothingOfErrors() {
        Run run = run(failingPorts("boom"), "-q", "create", "x.img");
        assertFalse(run.err().isEmpty());
    }
}
