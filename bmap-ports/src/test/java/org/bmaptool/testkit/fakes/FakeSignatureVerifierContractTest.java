package org.bmaptool.testkit.fakes;

import java.nio.file.Path;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.testkit.contracts.SignatureVerifierContract;
import org.bmaptool.testkit.fakes.FakeSignatureVerifier.Key;

/** The fake verifier keeps the port's promises. */
class FakeSignatureVerifierContractTest extends SignatureVerifierContract {
    private static final Key SIGNER = FakeSignatureVerifier.key("Bmap Signer <signer@example.org>");
    private static final Key STRANGER = FakeSignatureVerifier.key("Stranger <stranger@example.org>");

    private final FakeSignatureVerifier fake = new FakeSignatureVerifier();
    private final KeySource keys = fake.keyring(Path.of("signer.gpg"), SIGNER);

    @Override
    protected SignatureVerifier newPort() {
        return fake;
    }

    @Override
    protected KeySource signersKeys() {
        return keys;
    }

    @Override
    protected Fingerprint signer() {
        return SIGNER.fingerprint();
    }

    @Override
    protected Fingerprint stranger() {
        return STRANGER.fingerprint();
    }

    @Override
    protected byte[] detachedSignature(byte[] content, boolean bySigner) {
        return FakeSignatureVerifier.sign(bySigner ? SIGNER : STRANGER, content);
    }

    @Override
    protected byte[] clearsigned(byte[] text) {
        return FakeSignatureVerifier.clearsign(SIGNER, text);
    }
}
