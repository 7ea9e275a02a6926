package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linked image verifies OpenPGP-signed bmaps in-process (Bouncy Castle linked into
 * the runtime image), with a key and signatures made by the real gpg.
 */
class SignedBmapLauncherIT {
    @TempDir
    static Path keysDir;

    private static Gpg gpg;
    private static String signer;
    private static Path keyring;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKey() throws IOException {
        assumeTrue(Gpg.installed(), "gpg is not installed");
        gpg = Gpg.in(keysDir.resolve("gnupg"));
        signer = gpg.generate("Release Signer <release@example.org>");
        keyring = gpg.export(keysDir.resolve("release.gpg"), signer);
    }

    @AfterAll
    static void stopAgent() throws IOException {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void copyWithSignedBmapPrintsTheSigner() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path bmap = Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("test.image.bmap"));
        gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.asc"), true);
        Path copy = dir.resolve("copy.img");

        Launcher.Result result = Launcher.run(dir, "copy", "--keyring", keyring.toString(), "--fingerprint", signer,
                image.toString(), copy.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("bmaptool: info: successfully verified bmap file signature of "
                + "Release Signer <release@example.org> (fingerprint " + signer + ")"), result.err());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(copy));
    }

    @Test
    void copyWithTamperedSignatureExitsOneAndCreatesNoDestination() throws Exception {
        Path image = TestImages.upstreamImage(dir);
        Path bmap = Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("test.image.bmap"));
        Path signature = gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.sig"), false);
        byte[] bytes = Files.readAllBytes(signature);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(signature, bytes);
        Path copy = dir.resolve("copy.img");

        Launcher.Result result = Launcher.run(dir, "copy", "--keyring", keyring.toString(), image.toString(),
                copy.toString());

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("bmaptool: ERROR: discovered a BAD signature"), result.err());
        assertFalse(Files.exists(copy), "the destination must not be created");
    }
}
