package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bmaptool.testkit.Gpg;
import org.bmaptool.testkit.LoopDevice;
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
        assertTrue(result.err().contains("bmaptool: ERROR: discovered a BAD GPG signature: the signature '"),
                result.err());
        assertFalse(Files.exists(copy), "the destination must not be created");
    }

    @Test
    void tamperedSignatureLeavesABlockDeviceUnchanged() throws Exception {
        TestImages.upstreamImage(dir);
        Path bmap = Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("test.image.bmap"));
        Path signature = gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.sig"), false);
        byte[] bytes = Files.readAllBytes(signature);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(signature, bytes);
        try (LoopDevice loop = LoopDevice.create(dir, 1 << 20, (byte) 0x5A)) {
            String contents = TreeSnapshot.sha256(loop.device());
            LoopDevice.Tuning tuning = loop.tuning();

            Launcher.Result result = Launcher.run(dir, "copy", "--keyring", keyring.toString(), "test.image",
                    loop.device().toString());

            assertTrue(assertCleanFailure(result, 1, "does not match")
                    .startsWith("discovered a BAD GPG signature: "), result.err());
            assertEquals(contents, TreeSnapshot.sha256(loop.device()), "the device is unchanged");
            assertEquals(tuning, loop.tuning());
        }
    }

    @Test
    void tamperedClearsignedBmapIsRefusedAndCreatesNoDestination() throws Exception {
        TestImages.upstreamImage(dir);
        Path plain = Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("plain.bmap"));
        Path bmap = gpg.clearsign(signer, plain, dir.resolve("test.image.bmap"));
        String text = Files.readString(bmap);
        // The signed text changed: the signature must fail before the bmap's own checksum is even looked at.
        Files.writeString(bmap, text.replaceFirst("<BlockSize> 4096 </BlockSize>", "<BlockSize> 8192 </BlockSize>"));
        TreeSnapshot before = TreeSnapshot.of(dir);

        Launcher.Result result = Launcher.run(dir, "copy", "--keyring", keyring.toString(), "test.image", "copy.img");

        assertTrue(assertCleanFailure(result, 1, "does not match")
                    .startsWith("discovered a BAD GPG signature: "), result.err());
        before.assertUnchangedExcept();
    }

    /** A signature that cannot be checked is an error, never skipped: a key not in the keyring, no keys at all, another signer. */
    @Test
    void signatureByAKeyNotTrustedIsRefusedAndCreatesNoDestination() throws Exception {
        TestImages.upstreamImage(dir);
        Path bmap = Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("test.image.bmap"));
        String stranger = gpg.generate("Stranger <stranger@example.org>");
        gpg.detachSign(stranger, bmap, dir.resolve("test.image.bmap.asc"), true);
        Path emptyHome = Files.createDirectory(dir.resolve("home"));
        TreeSnapshot before = TreeSnapshot.of(dir);

        Launcher.Result notInKeyring = Launcher.run(dir, "copy", "--keyring", keyring.toString(), "test.image",
                "copy.img");
        Launcher.Result noKeysAtAll = Launcher.runThrough(List.of("env", "HOME=" + emptyHome,
                "GNUPGHOME=" + emptyHome.resolve(".gnupg")), dir, "copy", "test.image", "copy.img");
        gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.asc"), true);
        Launcher.Result otherSigner = Launcher.run(dir, "copy", "--keyring", keyring.toString(), "--fingerprint",
                stranger, "test.image", "copy.img");

        // Upstream's words first (GPGME calls an unknown signer a BAD signature too), then ours.
        String unknown = "discovered a BAD GPG signature: cannot check the signature 'test.image.bmap.asc'";
        assertTrue(assertCleanFailure(notInKeyring, 1, "which is not in keyring '" + keyring + "'")
                .startsWith(unknown), notInKeyring.err());
        assertTrue(assertCleanFailure(noKeysAtAll, 1, "which is not in GnuPG home '" + emptyHome.resolve(".gnupg") + "'")
                .startsWith(unknown), noKeysAtAll.err());
        assertTrue(assertCleanFailure(otherSigner, 1, "was made by Release Signer", "not by the expected key " + stranger)
                .startsWith("requested fingerprint " + stranger + " did not sign the bmap file: "), otherSigner.err());
        assertFalse(Files.exists(dir.resolve("copy.img")), "the destination must not be created");
        before.assertUnchangedExcept(dir.resolve("test.image.bmap.asc"));
    }
}
