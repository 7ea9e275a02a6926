package org.bmaptool.io.signature;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bmaptool.io.IoAdapters;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.testkit.Gpg;
import org.bmaptool.testkit.contracts.SignatureVerifierContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The io adapter's verifier keeps the port's promises on keys and signatures made by gpg. */
class OpenPgpVerifierContractTest extends SignatureVerifierContract {
    @TempDir
    static Path keysDir;
    private static Gpg gpg;
    private static String signer;
    private static String stranger;
    private static Path keyring;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        assumeTrue(Gpg.installed(), "gpg is not installed");
        gpg = Gpg.in(keysDir.resolve("gnupg"));
        signer = gpg.generate("Bmap Signer <signer@example.org>");
        stranger = gpg.generate("Stranger <stranger@example.org>");
        keyring = gpg.export(keysDir.resolve("signer.gpg"), signer);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Override
    protected SignatureVerifier newPort() {
        return IoAdapters.signatureVerifier();
    }

    @Override
    protected KeySource signersKeys() {
        return KeySource.keyring(keyring);
    }

    @Override
    protected Fingerprint signer() {
        return Fingerprint.parse(signer);
    }

    @Override
    protected Fingerprint stranger() {
        return Fingerprint.parse(stranger);
    }

    @Override
    protected byte[] detachedSignature(byte[] content, boolean bySigner) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "signed", ".bmap"), content);
        return Files.readAllBytes(gpg.detachSign(bySigner ? signer : stranger, file, dir.resolve("signature.asc"), true));
    }

    @Override
    protected byte[] clearsigned(byte[] text) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "text", ".bmap"), text);
        return Files.readAllBytes(gpg.clearsign(signer, file, dir.resolve("clearsigned.bmap")));
    }
}
