package org.bmaptool.testkit.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bmaptool.ports.signature.FileContent;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.ports.signature.VerifiedSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link SignatureVerifier} promises, through the interface alone: a good
 * signature (detached or clearsigned) is accepted with its signer and the signed bytes;
 * a changed document, a key not among the keys, an unexpected signer and garbage are
 * rejected, each with its {@link SignatureException.Reason} and a message naming the file.
 * Subclasses make the keys and signatures (the fake its own, the io adapter's test with gpg).
 */
public abstract class SignatureVerifierContract {
    /** A bmap-like text, lines ending in line breaks. */
    protected static final byte[] BMAP = ("<?xml version=\"1.0\" ?>\n<bmap version=\"2.0\">\n"
            + "    <ImageSize> 821752 </ImageSize>\n</bmap>\n").getBytes(StandardCharsets.UTF_8);

    /** The port under test. */
    protected abstract SignatureVerifier newPort() throws Exception;

    /** The keys searched: the signer's key, not the stranger's. */
    protected abstract KeySource signersKeys() throws Exception;

    /** The signer's full fingerprint. */
    protected abstract Fingerprint signer() throws Exception;

    /** The stranger's full fingerprint: a key that signs but is not among {@link #signersKeys}. */
    protected abstract Fingerprint stranger() throws Exception;

    /** A detached signature of {@code content}, by the signer or by the stranger. */
    protected abstract byte[] detachedSignature(byte[] content, boolean bySigner) throws Exception;

    /** {@code text} clearsigned by the signer. */
    protected abstract byte[] clearsigned(byte[] text) throws Exception;

    private static FileContent file(String name, byte[] bytes) {
        return new FileContent(name, bytes);
    }

    private static SignatureException assertRejected(SignatureException.Reason reason, Executable verification) {
        SignatureException e = assertThrows(SignatureException.class, verification);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @Test
    public void aGoodDetachedSignatureIsAcceptedWithItsSigner() throws Exception {
        VerifiedSignature verified = newPort().verifyDetached(file("disk.img.bmap", BMAP),
                file("disk.img.bmap.asc", detachedSignature(BMAP, true)), signersKeys(), Optional.empty());
        assertEquals(signer().hex(), verified.fingerprint());
        assertArrayEquals(BMAP, verified.signedText());
    }

    @Test
    public void theExpectedSignerIsAccepted() throws Exception {
        VerifiedSignature verified = newPort().verifyDetached(file("disk.img.bmap", BMAP),
                file("disk.img.bmap.asc", detachedSignature(BMAP, true)), signersKeys(), Optional.of(signer()));
        assertEquals(signer().hex(), verified.fingerprint());
    }

    @Test
    public void aChangedDocumentIsABadSignatureNamingTheFile() throws Exception {
        byte[] signature = detachedSignature(BMAP, true);
        byte[] changed = new String(BMAP, StandardCharsets.UTF_8).replace("821752", "821753")
                .getBytes(StandardCharsets.UTF_8);
        SignatureVerifier port = newPort();
        KeySource keys = signersKeys();
        SignatureException e = assertRejected(SignatureException.Reason.BAD_SIGNATURE, () -> port.verifyDetached(
                file("disk.img.bmap", changed), file("disk.img.bmap.asc", signature), keys, Optional.empty()));
        assertTrue(e.getMessage().contains("disk.img.bmap"), e.getMessage());
    }

    @Test
    public void aSignatureByAKeyNotAmongTheKeysIsAnUnknownKey() throws Exception {
        byte[] signature = detachedSignature(BMAP, false);
        SignatureVerifier port = newPort();
        KeySource keys = signersKeys();
        assertRejected(SignatureException.Reason.UNKNOWN_KEY, () -> port.verifyDetached(file("disk.img.bmap", BMAP),
                file("disk.img.bmap.asc", signature), keys, Optional.empty()));
    }

    @Test
    public void aGoodSignatureByAnotherKeyThanTheExpectedIsRejected() throws Exception {
        byte[] signature = detachedSignature(BMAP, true);
        SignatureVerifier port = newPort();
        KeySource keys = signersKeys();
        Optional<Fingerprint> expected = Optional.of(stranger());
        assertRejected(SignatureException.Reason.UNEXPECTED_SIGNER, () -> port.verifyDetached(
                file("disk.img.bmap", BMAP), file("disk.img.bmap.asc", signature), keys, expected));
    }

    @Test
    public void garbageIsAMalformedSignatureNamingTheFile() throws Exception {
        SignatureVerifier port = newPort();
        KeySource keys = signersKeys();
        SignatureException e = assertRejected(SignatureException.Reason.MALFORMED, () -> port.verifyDetached(
                file("disk.img.bmap", BMAP), file("disk.img.bmap.asc", "not a signature\n".getBytes()), keys,
                Optional.empty()));
        assertTrue(e.getMessage().contains("disk.img.bmap.asc"), e.getMessage());
    }

    @Test
    public void aClearsignedDocumentIsAcceptedWithTheTextInside() throws Exception {
        byte[] document = clearsigned(BMAP);
        SignatureVerifier port = newPort();
        assertTrue(port.isClearsigned(document));
        VerifiedSignature verified = port.verifyClearsigned(file("disk.img.bmap", document), signersKeys(),
                Optional.of(signer()));
        assertEquals(signer().hex(), verified.fingerprint());
        assertEquals(new String(BMAP, StandardCharsets.UTF_8).strip(),
                new String(verified.signedText(), StandardCharsets.UTF_8).strip());
    }

    @Test
    public void theTextOfAClearsignedDocumentIsReadWithoutVerifying() throws Exception {
        byte[] document = clearsigned(BMAP);
        SignatureVerifier port = newPort();
        byte[] text = port.clearsignedText(file("disk.img.bmap", document));
        assertArrayEquals(port.verifyClearsigned(file("disk.img.bmap", document), signersKeys(), Optional.empty())
                .signedText(), text);
        assertFalse(port.isClearsigned(BMAP));
    }

    @Test
    public void aChangedClearsignedDocumentIsABadSignature() throws Exception {
        byte[] changed = new String(clearsigned(BMAP), StandardCharsets.UTF_8).replace("821752", "821753")
                .getBytes(StandardCharsets.UTF_8);
        SignatureVerifier port = newPort();
        KeySource keys = signersKeys();
        assertRejected(SignatureException.Reason.BAD_SIGNATURE, () -> port.verifyClearsigned(
                file("disk.img.bmap", changed), keys, Optional.empty()));
    }

    @Test
    public void aDocumentThatIsNotClearsignedIsMalformed() throws Exception {
        SignatureVerifier port = newPort();
        assertRejected(SignatureException.Reason.MALFORMED, () -> port.clearsignedText(file("disk.img.bmap", BMAP)));
    }
}
