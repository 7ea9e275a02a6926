package org.bmaptool.app.signature;

import static org.bmaptool.app.Run.bmaptool;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bmaptool.app.cli.Wiring;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.cli.Console;
import org.bmaptool.app.common.Ports;
import org.bmaptool.app.Run;
import org.bmaptool.app.TestImages;
import org.bmaptool.app.copy.CopyRequest;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.testkit.Gpg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmaptool copy} with signed bmaps, on the real adapters, with keys and
 * signatures made by the real gpg: every outcome ends before the destination exists,
 * except a good signature.
 */
@Tag("linux") // runs on the real Linux adapters: not in the without-linux run
class BmapSignatureCheckTest {
    @TempDir
    static Path keysDir;

    private static Gpg gpg;
    private static String signer;
    private static String stranger;
    private static Path keyring;

    @TempDir
    Path dir;

    private Path image;
    private Path bmap;
    private Path destination;

    @BeforeAll
    static void makeKeys() throws IOException {
        assumeTrue(Gpg.installed(), "gpg is not installed");
        gpg = Gpg.in(keysDir.resolve("gnupg"));
        signer = gpg.generate("Bmap Signer <signer@example.org>");
        stranger = gpg.generate("Stranger <stranger@example.org>");
        keyring = gpg.export(keysDir.resolve("signer.gpg"), signer);
    }

    @AfterAll
    static void stopAgent() throws IOException {
        if (gpg != null) {
            gpg.close();
        }
    }

    @BeforeEach
    void imageAndBmap() throws IOException {
        image = TestImages.upstreamImage(dir);
        bmap = Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("test.image.bmap"));
        destination = dir.resolve("copy.img");
    }

    @Test
    void goodDetachedSignatureBesideTheBmapIsReportedAndTheImageCopied() throws IOException {
        gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.asc"), true);

        Run run = copy("--keyring", keyring.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("discovered signature file for bmap '" + bmap + ".asc'"), run.err());
        assertTrue(run.err().contains("bmaptool: info: successfully verified bmap file signature of "
                + "Bmap Signer <signer@example.org> (fingerprint " + signer + ")"), run.err());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(destination));
    }

    @Test
    void signatureNamedAfterTheImageWithoutItsExtensionIsFound() throws IOException {
        gpg.detachSign(signer, bmap, dir.resolve("test.sig"), false);

        Run run = copy("--fingerprint", signer.toLowerCase(), "--keyring", keyring.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("discovered signature file for bmap '" + dir.resolve("test.sig") + "'"), run.err());
    }

    @Test
    void clearsignedBmapIsVerifiedAndItsTextCopiesTheImage() throws IOException {
        Path clearsigned = gpg.clearsign(signer, TestImages.upstreamBmap("v2.0"), dir.resolve("clear.bmap"));

        Run run = copy("--bmap", clearsigned.toString(), "--keyring", keyring.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("successfully verified bmap file signature of Bmap Signer"), run.err());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(destination));
    }

    @Test
    void clearsignedBmapWithNoSigVerifyIsCopiedWithAWarning() throws IOException {
        Path clearsigned = gpg.clearsign(stranger, TestImages.upstreamBmap("v2.0"), dir.resolve("clear.bmap"));

        Run run = copy("--bmap", clearsigned.toString(), "--no-sig-verify");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: info: discovered inline signature\n"), run.err());
        assertTrue(run.err().contains("WARNING: the clearsign signature of bmap file"), run.err());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(destination));
    }

    @Test
    void tamperedBmapIsRefusedBeforeTheDestinationIsOpened() throws IOException {
        Path signature = gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.asc"), true);
        Files.writeString(bmap, Files.readString(bmap).replace("<BlockSize> 4096", "<BlockSize> 4096 "));

        Run run = copy("--bmap-sig", signature.toString(), "--keyring", keyring.toString());

        assertEquals(1, run.exitCode(), run.err());
        // Upstream's words first, then ours.
        assertTrue(error(run).startsWith("bmaptool: ERROR: discovered a BAD GPG signature: the signature '"
                + signature + "' of '" + bmap + "' by Bmap Signer"), run.err());
        assertTrue(run.err().contains("does not match: the bmap or the signature was changed"), run.err());
        assertFalse(Files.exists(destination), "nothing written");
    }

    @Test
    void tamperedSignatureIsRefusedBeforeTheDestinationIsOpened() throws IOException {
        Path signature = gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.sig"), false);
        byte[] bytes = Files.readAllBytes(signature);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(signature, bytes);

        Run run = copy("--keyring", keyring.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: ERROR: discovered a BAD GPG signature: "), run.err());
        assertFalse(Files.exists(destination), "nothing written");
    }

    @Test
    void signatureByAnUnknownKeyNamesTheKeyId() throws IOException {
        gpg.detachSign(stranger, bmap, dir.resolve("test.image.bmap.asc"), true);

        Run run = copy("--keyring", keyring.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(error(run).startsWith("bmaptool: ERROR: discovered a BAD GPG signature: cannot check the signature '"),
                run.err());
        assertTrue(run.err().contains(stranger.substring(24)) && run.err().contains("signer.gpg"), run.err());
        assertFalse(Files.exists(destination));
    }

    @Test
    void signatureByAnotherKeyThanTheFingerprintIsRefused() throws IOException {
        gpg.detachSign(stranger, bmap, dir.resolve("test.image.bmap.asc"), true);
        Path both = gpg.export(dir.resolve("both.gpg"));

        Run run = copy("--keyring", both.toString(), "--fingerprint", signer.toLowerCase(java.util.Locale.ROOT));

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(error(run).startsWith("bmaptool: ERROR: requested fingerprint " + signer.toLowerCase(java.util.Locale.ROOT)
                + " did not sign the bmap file: the signature '"), run.err());
        assertTrue(run.err().contains("not by the expected key " + signer), run.err());
        assertFalse(Files.exists(destination));
    }

    @Test
    void keyringWithoutAnySignatureIsAnError() {
        Run run = copy("--keyring", keyring.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(error(run).startsWith("bmaptool: ERROR: no signature found but --keyring given: none for bmap file '"
                + bmap + "' (looked for " + bmap + ".asc, "), run.err());
        assertFalse(Files.exists(destination));
    }

    @Test
    void fingerprintWithoutAnySignatureIsAnErrorNamingTheFingerprintFirstAsUpstream() {
        Run run = copy("--keyring", keyring.toString(), "--fingerprint", signer);

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(error(run).startsWith("bmaptool: ERROR: no signature found but --fingerprint given: none for bmap"
                + " file '" + bmap + "'"), run.err());
        assertTrue(run.err().contains("; use --bmap-sig to name it"), run.err());
        assertFalse(Files.exists(destination));
    }

    @Test
    void malformedSignatureStartsWithUpstreamsFailureWords() throws IOException {
        Files.writeString(dir.resolve("test.image.bmap.asc"), "-----BEGIN PGP SIGNATURE-----\nnot base64\n");

        Run run = copy("--keyring", keyring.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(error(run).startsWith("bmaptool: ERROR: failure when trying to verify GPG signature: "), run.err());
        assertFalse(Files.exists(destination));
    }

    @Test
    void noSigVerifyWithKeyringOrFingerprintIsRefusedAsUpstream() {
        Run keyringToo = copy("--no-sig-verify", "--keyring", keyring.toString());
        Run fingerprintToo = copy("--no-sig-verify", "--fingerprint", signer);

        assertEquals(1, keyringToo.exitCode(), keyringToo.err());
        assertEquals("bmaptool: ERROR: --no-sig-verify and --keyring cannot be used together\n", keyringToo.err());
        assertEquals(1, fingerprintToo.exitCode(), fingerprintToo.err());
        assertEquals("bmaptool: ERROR: --no-sig-verify and --fingerprint cannot be used together\n",
                fingerprintToo.err());
        assertFalse(Files.exists(destination));
    }

    @Test
    void unsignedBmapWithoutSignatureOptionsCopiesSilently() {
        Run run = copy();

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains("signature"), run.err());
    }

    @Test
    void noSigVerifySkipsEvenABadSignatureWithAWarning() throws IOException {
        gpg.detachSign(stranger, bmap, dir.resolve("test.image.bmap.asc"), true);

        Run run = copy("--no-sig-verify");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("bmaptool: WARNING: bmap file signature verification is disabled"), run.err());
    }

    @Test
    void bmapSigWithNoSigVerifyIsRefused() {
        Run run = copy("--bmap-sig", "x.asc", "--no-sig-verify");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--bmap-sig and --no-sig-verify cannot be used together"), run.err());
    }

    @Test
    void missingBmapSigIsAnError() {
        Run run = copy("--bmap-sig", dir.resolve("missing.asc").toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot open bmap signature file"), run.err());
    }

    @Test
    void bmapSigWithAClearsignedBmapIsRefused() throws IOException {
        Path clearsigned = gpg.clearsign(signer, bmap, dir.resolve("clear.bmap"));
        Path signature = gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.asc"), true);

        Run run = copy("--bmap", clearsigned.toString(), "--bmap-sig", signature.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--bmap-sig option should not be used"), run.err());
    }

    @Test
    void shortFingerprintIsAUsageError() {
        Run run = copy("--fingerprint", signer.substring(24));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("not a full OpenPGP fingerprint"), run.err());
    }

    @Test
    void keysComeFromGnupghomeWithoutKeyring() throws IOException {
        gpg.detachSign(signer, bmap, dir.resolve("test.image.bmap.asc"), true);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(System.out, new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        BmapSignatureCheck check = new BmapSignatureCheck(Wiring.systemPorts(), console,
                Map.of("GNUPGHOME", gpg.home().toString()), dir);
        CopyRequest request = new CopyRequest(Location.parse(image.toString()), destination, Optional.empty(), Optional.empty(),
                false, false, false, Optional.empty(), false, Optional.empty(), Optional.of(signer));

        byte[] verified = check.verifiedBmap(request, Location.parse(bmap.toString()), Files.readAllBytes(bmap));

        assertArrayEquals(Files.readAllBytes(bmap), verified);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("fingerprint " + signer), err.toString());
        Map<String, String> noKeys = Map.of("GNUPGHOME", dir.resolve("no-such-home").toString());
        BmapSignatureCheck without = new BmapSignatureCheck(Wiring.systemPorts(), console, noKeys, dir);
        SignatureException e = org.junit.jupiter.api.Assertions.assertThrows(SignatureException.class,
                () -> without.verifiedBmap(request, Location.parse(bmap.toString()), Files.readAllBytes(bmap)));
        assertTrue(e.getMessage().contains("no-such-home"), e.getMessage());
    }

    @Test
    void signaturesAreLookedForBesideTheBmapThenByTheImageName() {
        assertEquals(List.of("d/x.img.xz.bmap.asc", "d/x.img.xz.bmap.sig", "d/x.img.asc", "d/x.img.sig",
                "d/x.asc", "d/x.sig"), signatureCandidates("d/x.img.xz", "d/x.img.xz.bmap"));
        assertEquals(List.of("b.bmap.asc", "b.bmap.sig"), signatureCandidates("-", "b.bmap"));
    }

    @Test
    void signatureSuffixesGoOnAUrlsPathBeforeItsQuery() {
        assertEquals(List.of("http://h/disk.img.bmap.asc?token=abc", "http://h/disk.img.bmap.sig?token=abc",
                "http://h/disk.img.asc?token=abc", "http://h/disk.img.sig?token=abc", "http://h/disk.asc?token=abc",
                "http://h/disk.sig?token=abc"),
                signatureCandidates("http://h/disk.img.gz?token=abc", "http://h/disk.img.bmap?token=abc"));
    }

    private static List<String> signatureCandidates(String image, String bmap) {
        return BmapSignatureCheck.signatureCandidates(Location.parse(image), Location.parse(bmap)).stream()
                .map(Location::text).toList();
    }

    @Test
    void bmapSigWithNobmapIsRefusedUpFront() {
        CopyRequest request = new CopyRequest(Location.parse("i"), destination, Optional.empty(), Optional.of(Location.parse("s.asc")), true, false,
                false, Optional.empty(), false, Optional.empty(), Optional.empty());
        CommandException e = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class,
                () -> BmapSignatureCheck.checkOptions(request));
        assertTrue(e.getMessage().contains("bmap file was not found"), e.getMessage());
    }

    /** The one error line, after the info lines before it. */
    private static String error(Run run) {
        return run.err().lines().filter(line -> line.startsWith("bmaptool: ERROR: ")).findFirst().orElse(run.err());
    }

    private Run copy(String... options) {
        List<String> args = new ArrayList<>(List.of("copy"));
        args.addAll(List.of(options));
        args.add(image.toString());
        args.add(destination.toString());
        return bmaptool(args.toArray(String[]::new));
    }
}
