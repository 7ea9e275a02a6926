package org.bmaptool.io.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.junit.jupiter.api.Test;

/** The small pure parts of the signature port: fingerprints, key sources, the clearsign marker. */
class FingerprintTest {

    @Test
    void fingerprintAsGpgPrintsItParses() {
        assertEquals("3AC6EB840FA5CE3FF31BAD80EF93221F8A44FEB2",
                Fingerprint.parse("3ac6 eb84 0fa5 ce3f f31b  ad80 ef93 221f 8a44 feb2").hex());
        assertEquals("3AC6EB840FA5CE3FF31BAD80EF93221F8A44FEB2",
                Fingerprint.parse("0x3AC6EB840FA5CE3FF31BAD80EF93221F8A44FEB2").hex());
    }

    @Test
    void keyIdIsNotAFingerprint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fingerprint.parse("EF93221F8A44FEB2"));
        assertTrue(e.getMessage().contains("EF93221F8A44FEB2"));
    }

    @Test
    void userKeysComeFromGnupghomeElseDotGnupg() {
        assertEquals(new KeySource.GnupgHome(Path.of("/keys")), KeySource.user(Map.of("GNUPGHOME", "/keys"), Path.of("/home/u")));
        assertEquals(new KeySource.GnupgHome(Path.of("/home/u/.gnupg")), KeySource.user(Map.of(), Path.of("/home/u")));
    }

    @Test
    void clearsignedDocumentIsRecognisedByItsFirstLine() {
        OpenPgpVerifier verifier = new OpenPgpVerifier();
        assertTrue(verifier.isClearsigned("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(verifier.isClearsigned("<?xml version=\"1.0\" ?>".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(verifier.isClearsigned(new byte[0]));
    }

    @Test
    void clearTextLosesTheBlanksAtLineEndsOnly() {
        assertEquals("a\nb c\r\n\nc", new String(ClearsignedDocument.withoutTrailingBlanks(
                "a  \nb c\t\r\n \nc \t".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
    }

    @Test
    void canonicalTextDropsTrailingBlanksAndTheLastLineEnding() {
        assertEquals("a\r\nb\r\n\r\nc", new String(ClearsignedDocument.canonical("a  \nb\t\r\n\nc\n".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII));
    }
}
