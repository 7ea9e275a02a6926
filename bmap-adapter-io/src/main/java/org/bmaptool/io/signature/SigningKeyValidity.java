package org.bmaptool.io.signature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.ports.signature.SignatureException.Reason;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Whether a key could make a signature at the time the signature says it was made, by
 * the key's own self-signatures (each one checked): the primary key's newest
 * self-certification and, for a subkey, its newest binding signature with the embedded
 * back-signature, give expiry and key flags; revocations by the primary key revoke.
 * A hard revocation (compromised, or no reason given) voids every signature; a soft one
 * (superseded, retired) only those made after it. A key that expired after the
 * signature was made leaves the signature valid, with a note, as in OpenPGP.
 */
final class SigningKeyValidity {
    private static final BcPGPContentVerifierBuilderProvider VERIFIERS = new BcPGPContentVerifierBuilderProvider();
    private static final int[] SELF_CERTIFICATIONS = {
        PGPSignature.POSITIVE_CERTIFICATION, PGPSignature.CASUAL_CERTIFICATION,
        PGPSignature.NO_CERTIFICATION, PGPSignature.DEFAULT_CERTIFICATION};

    private SigningKeyValidity() {
    }

    /**
     * Checks {@code signingKey} of {@code ring} for a signature made at {@code signedAt};
     * returns notes worth a warning.
     *
     * @throws SignatureException when the key could not make a valid signature then
     */
    static List<String> check(PGPPublicKeyRing ring, PGPPublicKey signingKey, Instant signedAt, Instant now) {
        PGPPublicKey primary = ring.getPublicKey();
        List<String> notes = new ArrayList<>();
        PGPSignature primarySelf = newestSelfCertification(primary)
                .orElseThrow(() -> unusable(primary, "it has no valid self-signature"));
        checkRevocations(primary, primary, PGPSignature.KEY_REVOCATION, signedAt, "key");
        checkLifetime(primary, primarySelf, signedAt, now, "key", notes);
        PGPSignature flagsFrom = primarySelf;
        if (signingKey.getKeyID() != primary.getKeyID()) {
            PGPSignature binding = newestBinding(primary, signingKey)
                    .orElseThrow(() -> unusable(signingKey, "subkey has no valid binding signature by its primary key"));
            checkRevocations(primary, signingKey, PGPSignature.SUBKEY_REVOCATION, signedAt, "subkey");
            checkLifetime(signingKey, binding, signedAt, now, "subkey", notes);
            if (!hasValidBackSignature(primary, signingKey, binding)) {
                throw unusable(signingKey, "signing subkey is not cross-certified (no valid back-signature)");
            }
            flagsFrom = binding;
        }
        PGPSignatureSubpacketVector hashed = flagsFrom.getHashedSubPackets();
        if (hashed != null && hashed.hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)
                && (hashed.getKeyFlags() & KeyFlags.SIGN_DATA) == 0) {
            throw unusable(signingKey, "key is not allowed to sign data (no signing key flag)");
        }
        return notes;
    }

    /** The primary user id: the one flagged so in a valid self-certification, else the first valid one. */
    static String primaryUserId(PGPPublicKey primary) {
        String first = null;
        long newestFlagged = Long.MIN_VALUE;
        String flagged = null;
        Iterator<String> ids = primary.getUserIDs();
        while (ids.hasNext()) {
            String id = ids.next();
            Iterator<PGPSignature> signatures = primary.getSignaturesForID(id);
            while (signatures != null && signatures.hasNext()) {
                PGPSignature signature = signatures.next();
                if (!isSelfCertification(signature, primary) || !verifies(signature, primary, id)) {
                    continue;
                }
                if (first == null) {
                    first = id;
                }
                PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
                if (hashed != null && hashed.isPrimaryUserID()
                        && signature.getCreationTime().getTime() > newestFlagged) {
                    newestFlagged = signature.getCreationTime().getTime();
                    flagged = id;
                }
            }
        }
        return flagged != null ? flagged : first != null ? first : "(no user id)";
    }

    static String fingerprint(PGPPublicKey key) {
        return java.util.HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    private static Optional<PGPSignature> newestSelfCertification(PGPPublicKey primary) {
        PGPSignature newest = null;
        Iterator<String> ids = primary.getUserIDs();
        while (ids.hasNext()) {
            String id = ids.next();
            Iterator<PGPSignature> signatures = primary.getSignaturesForID(id);
            while (signatures != null && signatures.hasNext()) {
                PGPSignature signature = signatures.next();
                if (isSelfCertification(signature, primary) && isNewer(signature, newest) && verifies(signature, primary, id)) {
                    newest = signature;
                }
            }
        }
        Iterator<PGPSignature> direct = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY);
        while (direct.hasNext()) {
            PGPSignature signature = direct.next();
            if (signature.getKeyID() == primary.getKeyID() && isNewer(signature, newest)
                    && verifiesKey(signature, primary, primary, null)) {
                newest = signature;
            }
        }
        return Optional.ofNullable(newest);
    }

    private static Optional<PGPSignature> newestBinding(PGPPublicKey primary, PGPPublicKey subkey) {
        PGPSignature newest = null;
        Iterator<PGPSignature> bindings = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
        while (bindings.hasNext()) {
            PGPSignature signature = bindings.next();
            if (signature.getKeyID() == primary.getKeyID() && isNewer(signature, newest)
                    && verifiesKey(signature, primary, primary, subkey)) {
                newest = signature;
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * The back-signature by the subkey over the binding, embedded in the binding signature:
     * gpg puts it in the unhashed area (it authenticates itself), others in the hashed one.
     */
    private static boolean hasValidBackSignature(PGPPublicKey primary, PGPPublicKey subkey, PGPSignature binding) {
        for (PGPSignatureSubpacketVector area : new PGPSignatureSubpacketVector[] {
            binding.getHashedSubPackets(), binding.getUnhashedSubPackets()}) {
            PGPSignatureList embedded;
            try {
                embedded = area == null ? null : area.getEmbeddedSignatures();
            } catch (PGPException e) {
                continue;
            }
            for (PGPSignature back : embedded == null ? new PGPSignatureList(new PGPSignature[0]) : embedded) {
                if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
                        && verifiesKey(back, subkey, primary, subkey)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkRevocations(PGPPublicKey primary, PGPPublicKey key, int type, Instant signedAt, String what) {
        Iterator<PGPSignature> revocations = key.getSignaturesOfType(type);
        while (revocations.hasNext()) {
            PGPSignature revocation = revocations.next();
            boolean valid = revocation.getKeyID() == primary.getKeyID() && (key == primary
                    ? verifiesKey(revocation, primary, primary, null)
                    : verifiesKey(revocation, primary, primary, key));
            if (!valid) {
                continue;
            }
            RevocationReason reason = revocation.getHashedSubPackets() == null ? null
                    : revocation.getHashedSubPackets().getRevocationReason();
            byte code = reason == null ? RevocationReasonTags.NO_REASON : reason.getRevocationReason();
            boolean soft = code == RevocationReasonTags.KEY_SUPERSEDED || code == RevocationReasonTags.KEY_RETIRED;
            Instant revokedAt = revocation.getCreationTime().toInstant();
            if (!soft || !signedAt.isBefore(revokedAt)) {
                String why = reason != null && !reason.getRevocationDescription().isEmpty()
                        ? ": " + reason.getRevocationDescription() : "";
                throw new SignatureException(Reason.REVOKED_KEY, what + " " + fingerprint(key)
                        + " was revoked on " + day(revokedAt) + " (" + reasonName(code) + why + ")");
            }
        }
    }

    private static void checkLifetime(PGPPublicKey key, PGPSignature self, Instant signedAt, Instant now,
                                      String what, List<String> notes) {
        Instant created = key.getCreationTime().toInstant();
        if (signedAt.isBefore(created)) {
            throw unusable(key, what + " was created on " + day(created) + ", after the signature was made ("
                    + day(signedAt) + ")");
        }
        PGPSignatureSubpacketVector hashed = self.getHashedSubPackets();
        long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
        if (seconds > 0) {
            Instant expires = created.plusSeconds(seconds);
            if (!signedAt.isBefore(expires)) {
                throw new SignatureException(Reason.EXPIRED_KEY, what + " " + fingerprint(key) + " expired on "
                        + day(expires) + ", before the signature was made (" + day(signedAt) + ")");
            }
            if (!now.isBefore(expires)) {
                notes.add(what + " " + fingerprint(key) + " expired on " + day(expires)
                        + ", after the signature was made (" + day(signedAt) + ")");
            }
        }
    }

    private static boolean isSelfCertification(PGPSignature signature, PGPPublicKey primary) {
        if (signature.getKeyID() != primary.getKeyID()) {
            return false;
        }
        for (int type : SELF_CERTIFICATIONS) {
            if (signature.getSignatureType() == type) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNewer(PGPSignature signature, PGPSignature than) {
        return than == null || signature.getCreationTime().after(than.getCreationTime());
    }

    private static boolean verifies(PGPSignature certification, PGPPublicKey primary, String userId) {
        try {
            certification.init(VERIFIERS, primary);
            return certification.verifyCertification(userId, primary);
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    /** A key signature by {@code signer}: over {@code primary} alone, or binding {@code subkey} to it. */
    private static boolean verifiesKey(PGPSignature signature, PGPPublicKey signer, PGPPublicKey primary,
                                       PGPPublicKey subkey) {
        try {
            signature.init(VERIFIERS, signer);
            return subkey == null ? signature.verifyCertification(primary)
                    : signature.verifyCertification(primary, subkey);
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static SignatureException unusable(PGPPublicKey key, String why) {
        return new SignatureException(Reason.UNUSABLE_KEY, "key " + fingerprint(key) + " cannot be used: " + why);
    }

    private static String reasonName(byte code) {
        switch (code) {
            case RevocationReasonTags.KEY_SUPERSEDED:
                return "key superseded";
            case RevocationReasonTags.KEY_COMPROMISED:
                return "key compromised";
            case RevocationReasonTags.KEY_RETIRED:
                return "key retired";
            case RevocationReasonTags.USER_NO_LONGER_VALID:
                return "user id no longer valid";
            default:
                return "no reason given";
        }
    }

    /** An instant as messages show it: UTC, to the second. */
    static String day(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
