package org.bmaptool.io.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bmaptool.ports.signature.FileContent;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.ports.signature.SignatureException.Reason;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.ports.signature.VerifiedSignature;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * OpenPGP signatures checked in-process with Bouncy Castle's lightweight API: no gpg,
 * no agent, no JCA provider. Takes armored and binary signatures by RSA, DSA, ECDSA and
 * EdDSA (legacy and RFC 9580 Ed25519) keys and subkeys; the signing key's validity at
 * the signature's creation time is checked by {@link SigningKeyValidity}. When a file
 * holds several signatures, each must be good and, if a key is expected, one must be
 * by that key.
 */
public final class OpenPgpVerifier implements SignatureVerifier {
    private final Clock clock;

    public OpenPgpVerifier() {
        this(Clock.systemUTC());
    }

    OpenPgpVerifier(Clock clock) {
        this.clock = clock;
    }

    @Override
    public VerifiedSignature verifyDetached(FileContent signed, FileContent signature, KeySource keys,
                                            Optional<Fingerprint> expected) {
        List<PGPSignature> signatures = signatures(signature.bytes(), "'" + signature.name() + "'");
        String where = "the signature '" + signature.name() + "' of '" + signed.name() + "'";
        return verify(signatures, signed.bytes(), signed.bytes(), where, keys, expected);
    }

    @Override
    public VerifiedSignature verifyClearsigned(FileContent document, KeySource keys, Optional<Fingerprint> expected) {
        ClearsignedDocument parsed = parse(document);
        List<PGPSignature> signatures = signatures(parsed.signaturePackets(),
                "the signature block of '" + document.name() + "'");
        String where = "the clearsign signature of '" + document.name() + "'";
        return verify(signatures, parsed.canonicalText(), parsed.text(), where, keys, expected);
    }

    @Override
    public byte[] clearsignedText(FileContent document) {
        return parse(document).text();
    }

    private VerifiedSignature verify(List<PGPSignature> signatures, byte[] signedBytes, byte[] text, String where,
                                     KeySource keys, Optional<Fingerprint> expected) {
        PublicKeyrings keyrings = PublicKeyrings.of(keys);
        Instant now = clock.instant();
        List<VerifiedSignature> good = new ArrayList<>();
        for (PGPSignature signature : signatures) {
            good.add(verifyOne(signature, signedBytes, text, where, keyrings, now));
        }
        if (expected.isEmpty()) {
            return good.get(0);
        }
        String wanted = expected.get().hex();
        for (VerifiedSignature verified : good) {
            if (verified.fingerprint().equals(wanted) || verified.signingKeyFingerprint().equals(wanted)) {
                return verified;
            }
        }
        VerifiedSignature other = good.get(0);
        throw new SignatureException(Reason.UNEXPECTED_SIGNER, where + " was made by " + other.userId()
                + " (fingerprint " + other.fingerprint() + "), not by the expected key " + wanted);
    }

    private static VerifiedSignature verifyOne(PGPSignature signature, byte[] signedBytes, byte[] text, String where,
                                               PublicKeyrings keyrings, Instant now) {
        int type = signature.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            throw new SignatureException(Reason.MALFORMED, where + " is not a document signature (type 0x"
                    + Integer.toHexString(type) + ")");
        }
        PublicKeyrings.KeyInRing found = findKey(signature, keyrings).orElseThrow(() -> new SignatureException(
                Reason.UNKNOWN_KEY, "cannot check " + where + ": it was made by key " + issuer(signature)
                        + ", which is not in " + keyrings.description()));
        PGPPublicKey key = found.key();
        PGPPublicKey primary = found.ring().getPublicKey();
        String userId = SigningKeyValidity.primaryUserId(primary);
        String fingerprint = SigningKeyValidity.fingerprint(primary);
        boolean good;
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(signedBytes);
            good = signature.verify();
        } catch (PGPException | RuntimeException e) {
            throw new SignatureException(Reason.BAD_SIGNATURE, "cannot check " + where + " with key "
                    + SigningKeyValidity.fingerprint(key) + ": " + e.getMessage(), e);
        }
        if (!good) {
            throw new SignatureException(Reason.BAD_SIGNATURE, where + " by "
                    + userId + " (fingerprint " + fingerprint + ") does not match: the bmap or the signature was changed");
        }
        Instant signedAt = signature.getCreationTime().toInstant();
        try {
            List<String> notes = SigningKeyValidity.check(found.ring(), key, signedAt, now);
            checkSignatureExpiry(signature, signedAt, now, where);
            return new VerifiedSignature(userId, fingerprint, SigningKeyValidity.fingerprint(key), signedAt,
                    text, notes);
        } catch (SignatureException e) {
            throw new SignatureException(e.reason(), where + " by " + userId + " is not valid: " + e.getMessage(), e);
        }
    }

    private static void checkSignatureExpiry(PGPSignature signature, Instant signedAt, Instant now, String where) {
        long seconds = signature.getHashedSubPackets() == null ? 0
                : signature.getHashedSubPackets().getSignatureExpirationTime();
        if (seconds > 0 && !now.isBefore(signedAt.plusSeconds(seconds))) {
            throw new SignatureException(Reason.EXPIRED_SIGNATURE, "the signature expired on "
                    + SigningKeyValidity.day(signedAt.plusSeconds(seconds)));
        }
    }

    private static Optional<PublicKeyrings.KeyInRing> findKey(PGPSignature signature, PublicKeyrings keyrings) {
        for (KeyIdentifier identifier : signature.getKeyIdentifiers()) {
            Optional<PublicKeyrings.KeyInRing> found = keyrings.find(identifier.getKeyId());
            if (found.isPresent()) {
                return found;
            }
        }
        return signature.getKeyID() == 0 ? Optional.empty() : keyrings.find(signature.getKeyID());
    }

    /** The issuer as gpg names it: the fingerprint when the signature carries it, else the long key id. */
    private static String issuer(PGPSignature signature) {
        for (KeyIdentifier identifier : signature.getKeyIdentifiers()) {
            if (identifier.getFingerprint() != null) {
                return String.format(Locale.ROOT, "%016X (fingerprint %s)", identifier.getKeyId(),
                        java.util.HexFormat.of().withUpperCase().formatHex(identifier.getFingerprint()));
            }
        }
        return String.format(Locale.ROOT, "%016X", signature.getKeyID());
    }

    private static ClearsignedDocument parse(FileContent document) {
        try {
            return ClearsignedDocument.parse(document.bytes());
        } catch (IOException | RuntimeException e) {
            throw new SignatureException(Reason.MALFORMED, "'" + document.name()
                    + "' is not a well-formed clearsigned document: " + e.getMessage(), e);
        }
    }

    /** The signature packets of an armored or binary signature, looking inside compressed data. */
    private static List<PGPSignature> signatures(byte[] bytes, String what) {
        List<PGPSignature> signatures = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            collect(new BcPGPObjectFactory(in), signatures, what);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SignatureException(Reason.MALFORMED, what + " is not a valid OpenPGP signature: "
                    + e.getMessage(), e);
        }
        if (signatures.isEmpty()) {
            throw new SignatureException(Reason.MALFORMED, what + " holds no OpenPGP signature");
        }
        return signatures;
    }

    private static void collect(BcPGPObjectFactory objects, List<PGPSignature> signatures, String what)
            throws IOException, PGPException {
        Object object;
        while ((object = objects.nextObject()) != null) {
            if (object instanceof PGPSignatureList) {
                for (PGPSignature signature : (PGPSignatureList) object) {
                    signatures.add(signature);
                }
            } else if (object instanceof PGPMarker) {
                continue; // an obsolete packet some tools still write first; it means nothing
            } else if (object instanceof PGPCompressedData) {
                collect(new BcPGPObjectFactory(((PGPCompressedData) object).getDataStream()), signatures, what);
            } else {
                throw new SignatureException(Reason.MALFORMED, what + " is not a detached signature (it holds "
                        + object.getClass().getSimpleName().replace("PGP", "") + ")");
            }
        }
    }
}
