package org.bmaptool.ports.signature;

import org.bmaptool.ports.PortException;

/**
 * A signature that was rejected or could not be checked, with the reason as a value so
 * that callers and tests need not read the message.
 */
public final class SignatureException extends PortException {
    private static final long serialVersionUID = 1L;

    /** Why a signature was not accepted. */
    public enum Reason {
        /** The signature does not match the signed bytes: one of them was changed. */
        BAD_SIGNATURE,
        /** No key with the signature's key id is among the keys searched. */
        UNKNOWN_KEY,
        /** The key (or subkey) had expired when the signature was made. */
        EXPIRED_KEY,
        /** The key (or subkey) was revoked. */
        REVOKED_KEY,
        /** The key is not valid for signing data (no such key flag, no valid binding, made after the signature). */
        UNUSABLE_KEY,
        /** The signature was made by another key than the one expected. */
        UNEXPECTED_SIGNER,
        /** The signature itself has expired. */
        EXPIRED_SIGNATURE,
        /** The signature or the clearsigned document is not well-formed OpenPGP. */
        MALFORMED,
        /** A keyring exists but cannot be read. */
        UNREADABLE_KEYS
    }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignatureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
