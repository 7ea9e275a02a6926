package org.bmaptool.io.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmaptool.ports.signature.FileContent;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureException.Reason;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.ports.signature.VerifiedSignature;
import org.bmaptool.testkit.Gpg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys and signatures made by the real gpg (once for the class), verified in-process:
 * every key type, armored, binary and clearsigned, tampered files, expired and revoked
 * keys, subkeys, and every form a keyring comes in.
 */
class OpenPgpVerifierTest {
    /** A bmap-like text with what clearsigning must survive: trailing blanks, a line starting with a dash. */
    private static final String BMAP = "<?xml version=\"1.0\" ?>\n<!-- a comment   \n-- with dashes -->\n"
            + "<bmap version=\"2.0\">\n    <ImageSize> 821752 </ImageSize>\t\n\n- dash line\n</bmap>\n";

    @TempDir
    static Path dir;

    private static Gpg gpg;
    private static Map<String, String> keys;
    private static String subkeyOwner;
    private static String subkey;
    private static Path bmap;
    private static Path oldSignature;
    private static Path lateSignature;
    private static Path revokedSignature;

    private final OpenPgpVerifier verifier = new OpenPgpVerifier();

    @BeforeAll
    static void makeKeys() throws IOException {
        assumeTrue(Gpg.executable().isPresent(), "gpg is not installed");
        gpg = Gpg.in(dir.resolve("gnupg"));
        bmap = dir.resolve("image.bmap");
        Files.writeString(bmap, BMAP);
        keys = Map.of(
                "rsa", gpg.generate("RSA Signer <rsa@example.org>", "rsa2048", "sign", "never", null),
                "dsa", gpg.generate("DSA Signer <dsa@example.org>", "dsa2048", "sign", "never", null),
                "ecdsa", gpg.generate("ECDSA Signer <ecdsa@example.org>", "nistp256", "sign", "never", null),
                "ed25519", gpg.generate("Ed25519 Signer <ed25519@example.org>", "ed25519", "sign", "never", null));
        subkeyOwner = gpg.generate("Subkey Signer <subkey@example.org>", "ed25519", "cert", "never", null);
        gpg.addSubkey(subkeyOwner, "ed25519", "sign");
        subkey = gpg.subkeyFingerprint(subkeyOwner);

        // Made in 2020 with one day to live, signed while it lived.
        String old = gpg.generate("Old Signer <old@example.org>", "ed25519", "sign", "1d", "20200101T000000");
        oldSignature = copySigned(gpg.detachSign(old, bmap, true, "20200101T120000"), "old");
        // Made in 2020 without expiry, signed in 2021, then given an expiry date of 2020-06-02 by a
        // newer self-signature: the signature was made after the key expired.
        String late = gpg.generate("Late Signer <late@example.org>", "ed25519", "sign", "never", "20200101T000000");
        lateSignature = copySigned(gpg.detachSign(late, bmap, true, "20210101T000000"), "late");
        gpg.setExpire(late, "1d", "20200601T000000");
        String revoked = gpg.generate("Revoked Signer <revoked@example.org>", "ed25519", "sign", "never", null);
        revokedSignature = copySigned(gpg.detachSign(revoked, bmap, true, null), "revoked");
        gpg.revoke(revoked);
    }

    @AfterAll
    static void stopAgent() throws IOException {
        if (gpg != null) {
            gpg.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "dsa", "ecdsa", "ed25519"})
    void detachedArmoredAndBinarySignaturesOfEachKeyTypeVerify(String type) throws IOException {
        for (boolean armor : new boolean[] {true, false}) {
            Path signature = gpg.detachSign(keys.get(type), bmap, armor, null);
            VerifiedSignature verified = verifier.verifyDetached(content(bmap), content(signature), home(),
                    Optional.of(Fingerprint.parse(keys.get(type))));
            assertEquals(keys.get(type), verified.fingerprint());
            assertEquals(keys.get(type), verified.signingKeyFingerprint());
            assertTrue(verified.userId().toLowerCase().startsWith(type), verified.userId());
            assertArrayEquals(Files.readAllBytes(bmap), verified.signedText());
            assertTrue(verified.notes().isEmpty(), verified.notes().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "dsa", "ecdsa", "ed25519"})
    void clearsignedBmapOfEachKeyTypeVerifiesAndYieldsTheTextGpgRecovers(String type) throws IOException {
        Path clearsigned = gpg.clearsign(keys.get(type), bmap, dir.resolve("clear-" + type + ".bmap"));
        FileContent document = content(clearsigned);
        assertTrue(verifier.isClearsigned(document.bytes()));

        VerifiedSignature verified = verifier.verifyClearsigned(document, home(), Optional.empty());

        assertEquals(keys.get(type), verified.fingerprint());
        assertArrayEquals(gpg.decrypt(clearsigned), verified.signedText());
        assertEquals(BMAP.replaceAll("[ \t]+\n", "\n"), new String(verified.signedText(), StandardCharsets.UTF_8));
        assertArrayEquals(verified.signedText(), verifier.clearsignedText(document));
    }

    @Test
    void tamperedBmapIsABadSignature() throws IOException {
        Path signature = gpg.detachSign(keys.get("ed25519"), bmap, true, null);
        byte[] changed = BMAP.replace("821752", "821753").getBytes(StandardCharsets.UTF_8);

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(
                new FileContent("image.bmap", changed), content(signature), home(), Optional.empty()));

        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("does not match") && e.getMessage().contains("image.bmap.asc"), e.getMessage());
    }

    @Test
    void tamperedClearsignedTextIsABadSignature() throws IOException {
        Path clearsigned = gpg.clearsign(keys.get("rsa"), bmap, dir.resolve("tampered-clear.bmap"));
        String changed = Files.readString(clearsigned).replace("821752", "821753");

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyClearsigned(
                new FileContent("tampered-clear.bmap", changed.getBytes(StandardCharsets.UTF_8)), home(),
                Optional.empty()));

        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ed25519"})
    void tamperedBinarySignatureIsABadSignature(String type) throws IOException {
        byte[] signature = Files.readAllBytes(gpg.detachSign(keys.get(type), bmap, false, null));
        signature[signature.length - 2] ^= 0x01;

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(
                content(bmap), new FileContent("image.bmap.sig", signature), home(), Optional.empty()));

        assertEquals(Reason.BAD_SIGNATURE, e.reason(), e.getMessage());
    }

    @Test
    void tamperedArmoredSignatureIsRejected() throws IOException {
        String armored = Files.readString(gpg.detachSign(keys.get("ecdsa"), bmap, true, null));
        int body = armored.indexOf("\n\n") + 10;
        char flipped = armored.charAt(body) == 'A' ? 'B' : 'A';
        String changed = armored.substring(0, body) + flipped + armored.substring(body + 1);

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(content(bmap),
                new FileContent("image.bmap.asc", changed.getBytes(StandardCharsets.US_ASCII)), home(),
                Optional.empty()));

        assertTrue(List.of(Reason.BAD_SIGNATURE, Reason.MALFORMED, Reason.UNKNOWN_KEY).contains(e.reason()),
                e.getMessage());
    }

    @Test
    void signatureByAKeyNotInTheKeyringNamesTheKeyId() throws IOException {
        Path onlyRsa = gpg.export(dir.resolve("only-rsa.asc"), true, keys.get("rsa"));
        Path signature = gpg.detachSign(keys.get("ed25519"), bmap, true, null);

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(
                content(bmap), content(signature), KeySource.keyring(onlyRsa), Optional.empty()));

        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        String keyId = keys.get("ed25519").substring(24);
        assertTrue(e.getMessage().contains(keyId) && e.getMessage().contains("only-rsa.asc"), e.getMessage());
    }

    @Test
    void expectedFingerprintIsMatchedIgnoringSpacesAndCase() throws IOException {
        Path signature = gpg.detachSign(keys.get("dsa"), bmap, false, null);
        String typed = keys.get("dsa").toLowerCase().replaceAll("(.{4})", "$1 ");

        VerifiedSignature verified = verifier.verifyDetached(content(bmap), content(signature), home(),
                Optional.of(Fingerprint.parse(typed)));

        assertEquals(keys.get("dsa"), verified.fingerprint());
    }

    @Test
    void signatureByAnotherKeyThanTheExpectedOneIsRejected() throws IOException {
        Path signature = gpg.detachSign(keys.get("ecdsa"), bmap, true, null);

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(content(bmap),
                content(signature), home(), Optional.of(Fingerprint.parse(keys.get("rsa")))));

        assertEquals(Reason.UNEXPECTED_SIGNER, e.reason());
        assertTrue(e.getMessage().contains(keys.get("rsa")) && e.getMessage().contains(keys.get("ecdsa")),
                e.getMessage());
    }

    @Test
    void signatureBySubkeyNamesThePrimaryKey() throws IOException {
        Path signature = gpg.detachSign(subkeyOwner, bmap, true, null);

        VerifiedSignature verified = verifier.verifyDetached(content(bmap), content(signature), home(),
                Optional.of(Fingerprint.parse(subkeyOwner)));

        assertEquals(subkeyOwner, verified.fingerprint());
        assertEquals(subkey, verified.signingKeyFingerprint());
        assertFalse(subkeyOwner.equals(subkey));
        assertEquals("Subkey Signer <subkey@example.org>", verified.userId());
    }

    @Test
    void signatureMadeWhileTheKeyLivedStaysValidWithANote() throws IOException {
        VerifiedSignature verified = verifier.verifyDetached(content(bmap), content(oldSignature), home(),
                Optional.empty());

        assertEquals(Instant.parse("2020-01-01T12:00:00Z"), verified.signedAt());
        assertEquals(1, verified.notes().size());
        assertTrue(verified.notes().get(0).contains("expired on 2020-01-02T00:00:00Z"), verified.notes().toString());
    }

    @Test
    void signatureMadeAfterTheKeyExpiredIsRejected() throws IOException {
        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(content(bmap),
                content(lateSignature), home(), Optional.empty()));

        assertEquals(Reason.EXPIRED_KEY, e.reason());
        assertTrue(e.getMessage().contains("expired on 2020-06-02"), e.getMessage());
    }

    @Test
    void signatureByRevokedKeyIsRejected() throws IOException {
        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(content(bmap),
                content(revokedSignature), home(), Optional.empty()));

        assertEquals(Reason.REVOKED_KEY, e.reason());
        assertTrue(e.getMessage().contains("revoked"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keybox", "armored export", "binary export", "legacy keyring", "trustedkeys.gpg",
        "pubring.gpg"})
    void keysAreFoundInEachFormAKeyringComesIn(String form) throws IOException {
        KeySource source;
        switch (form) {
            case "keybox":
                source = KeySource.keyring(gpg.home().resolve("pubring.kbx"));
                break;
            case "armored export":
                source = KeySource.keyring(gpg.export(dir.resolve("all.asc"), true));
                break;
            case "binary export":
                source = KeySource.keyring(gpg.export(dir.resolve("all.gpg"), false));
                break;
            case "legacy keyring":
                source = KeySource.keyring(gpg.legacyKeyring(dir.resolve("legacy.gpg")));
                break;
            default:
                Path otherHome = Files.createDirectories(dir.resolve("home-" + form));
                gpg.export(otherHome.resolve(form), false);
                source = KeySource.user(Map.of("GNUPGHOME", otherHome.toString()), dir);
        }
        Path signature = gpg.detachSign(subkeyOwner, bmap, false, null);

        VerifiedSignature verified = verifier.verifyDetached(content(bmap), content(signature), source,
                Optional.empty());

        assertEquals(subkeyOwner, verified.fingerprint());
    }

    @Test
    void missingKeyringFileIsAnError() throws IOException {
        Path signature = gpg.detachSign(keys.get("ed25519"), bmap, true, null);

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(content(bmap),
                content(signature), KeySource.keyring(dir.resolve("missing.gpg")), Optional.empty()));

        assertEquals(Reason.UNREADABLE_KEYS, e.reason());
        assertTrue(e.getMessage().contains("missing.gpg"), e.getMessage());
    }

    @Test
    void emptyGnupgHomeKnowsNoKey() throws IOException {
        Path signature = gpg.detachSign(keys.get("ed25519"), bmap, true, null);
        Path empty = Files.createDirectories(dir.resolve("empty-home"));

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(content(bmap),
                content(signature), KeySource.user(Map.of(), empty.getParent().resolve("nobody")), Optional.empty()));

        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertTrue(e.getMessage().contains("nobody/.gnupg"), e.getMessage());
    }

    @Test
    void fileThatIsNoSignatureIsMalformed() {
        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyDetached(content(bmap),
                new FileContent("image.bmap.asc", "not a signature\n".getBytes(StandardCharsets.US_ASCII)), home(),
                Optional.empty()));

        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("image.bmap.asc"), e.getMessage());
    }

    @Test
    void clearsignedHeaderWithoutSignatureIsMalformed() {
        byte[] document = ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + BMAP)
                .getBytes(StandardCharsets.US_ASCII);

        SignatureException e = assertThrows(SignatureException.class, () -> verifier.verifyClearsigned(
                new FileContent("x.bmap", document), home(), Optional.empty()));

        assertEquals(Reason.MALFORMED, e.reason());
    }

    private static KeySource home() {
        return KeySource.user(Map.of("GNUPGHOME", gpg.home().toString()), dir);
    }

    private static FileContent content(Path file) throws IOException {
        return new FileContent(file.getFileName().toString(), Files.readAllBytes(file));
    }

    private static Path copySigned(Path signature, String name) throws IOException {
        return Files.copy(signature, dir.resolve(name + "-" + signature.getFileName()));
    }
}
