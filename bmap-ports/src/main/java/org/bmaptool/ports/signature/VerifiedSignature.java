package org.bmaptool.ports.signature;

import java.time.Instant;
import java.util.List;

/**
 * A signature that passed every check: who made it (the primary user id and the
 * fingerprint of the primary key), the fingerprint of the key or subkey that made it,
 * when, the bytes it covers (for a clearsigned document, the text inside), and notes
 * worth a warning that did not make the signature invalid (a key that expired after
 * the signature was made).
 */
public record VerifiedSignature(String userId, String fingerprint, String signingKeyFingerprint,
                                Instant signedAt, byte[] signedText, List<String> notes) {

    public VerifiedSignature {
        notes = List.copyOf(notes);
    }
}
