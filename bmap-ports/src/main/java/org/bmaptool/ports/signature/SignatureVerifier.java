package org.bmaptool.ports.signature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Port: OpenPGP verification of a bmap, either against a detached signature or as a
 * clearsigned document. Every method checks the signature itself, that the signing key
 * was valid (not expired, not revoked, allowed to sign) when the signature was made and,
 * when one is expected, that the key has the expected fingerprint; a rejected signature
 * is a {@link SignatureException} naming the files and the cause.
 */
public interface SignatureVerifier {

    /** The first line of a clearsigned document. */
    String CLEARSIGN_MARKER = "-----BEGIN PGP SIGNED MESSAGE-----";

    /** Whether {@code document} is clearsigned, judged as upstream bmaptool does: by its first bytes. */
    default boolean isClearsigned(byte[] document) {
        byte[] marker = CLEARSIGN_MARKER.getBytes(StandardCharsets.US_ASCII);
        return document.length >= marker.length
                && Arrays.equals(document, 0, marker.length, marker, 0, marker.length);
    }

    /**
     * Verifies {@code signature} (armored or binary) over {@code signed}.
     *
     * @param expected the key that must have made the signature, or empty for any key of {@code keys}
     * @throws SignatureException when the signature is rejected or cannot be checked
     */
    VerifiedSignature verifyDetached(FileContent signed, FileContent signature, KeySource keys,
                                     Optional<Fingerprint> expected);

    /**
     * Verifies a clearsigned {@code document}; the result carries the signed text as it
     * was before signing.
     *
     * @throws SignatureException when the signature is rejected or cannot be checked
     */
    VerifiedSignature verifyClearsigned(FileContent document, KeySource keys, Optional<Fingerprint> expected);

    /**
     * The signed text of a clearsigned {@code document}, not verified: for
     * {@code --no-sig-verify}, which still needs the bmap inside.
     *
     * @throws SignatureException when {@code document} is not a well-formed clearsigned document
     */
    byte[] clearsignedText(FileContent document);
}
