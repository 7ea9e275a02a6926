package org.bmaptool.testkit.fakes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmaptool.ports.signature.FileContent;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.ports.signature.SignatureException.Reason;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.ports.signature.VerifiedSignature;

/**
 * A verifier of fake signatures, no cryptography and no files: a "signature" is one line
 * naming the key's fingerprint and the SHA-256 of the signed bytes, a "clearsigned"
 * document wraps the text and such a line in the OpenPGP armor lines, and a keyring is a
 * path the test registered with the keys it holds. It keeps the port's promises (bad
 * signature, unknown key, unexpected signer, malformed input, each with its reason and a
 * message naming the files) so that use cases can be tested on any machine, without gpg.
 */
public final class FakeSignatureVerifier implements SignatureVerifier {
    private static final String SIGNATURE_BEGIN = "-----BEGIN PGP SIGNATURE-----";
    private static final String SIGNATURE_END = "-----END PGP SIGNATURE-----";
    private static final Pattern SIGNATURE = Pattern.compile("FAKE SIGNATURE ([0-9A-F]{40}) ([0-9a-f]{64})\n");

    private final Map<Path, List<Key>> keyrings = new ConcurrentHashMap<>();

    /** A key: who, and its fingerprint (made from the user id, so the same id makes the same key). */
    public record Key(String userId, Fingerprint fingerprint) {
    }

    /** The key of {@code userId}. */
    public static Key key(String userId) {
        String hex = HexFormat.of().formatHex(digest("SHA-1", userId.getBytes(StandardCharsets.UTF_8)));
        return new Key(userId, new Fingerprint(hex.toUpperCase(Locale.ROOT)));
    }

    /** A detached signature of {@code content} by {@code key}. */
    public static byte[] sign(Key key, byte[] content) {
        return ("FAKE SIGNATURE " + key.fingerprint().hex() + " " + HexFormat.of().formatHex(digest("SHA-256", content))
                + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A clearsigned document of {@code text} (which ends with a line break) by {@code key}. */
    public static byte[] clearsign(Key key, byte[] text) {
        return (CLEARSIGN_MARKER + "\nHash: SHA256\n\n" + new String(text, StandardCharsets.UTF_8) + SIGNATURE_BEGIN
                + "\n" + new String(sign(key, text), StandardCharsets.US_ASCII) + SIGNATURE_END + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Registers the keyring file {@code file} holding {@code keys}, and returns it as a key source. */
    public KeySource keyring(Path file, Key... keys) {
        keyrings.put(file, List.of(keys));
        return KeySource.keyring(file);
    }

    @Override
    public VerifiedSignature verifyDetached(FileContent signed, FileContent signature, KeySource keys,
                                            Optional<Fingerprint> expected) {
        Matcher line = SIGNATURE.matcher(new String(signature.bytes(), StandardCharsets.ISO_8859_1));
        if (!line.matches()) {
            throw new SignatureException(Reason.MALFORMED, "'" + signature.name() + "' is not an OpenPGP signature");
        }
        return check(signed.name(), signed.bytes(), signature.name(), line, keys, expected);
    }

    @Override
    public VerifiedSignature verifyClearsigned(FileContent document, KeySource keys, Optional<Fingerprint> expected) {
        byte[] text = clearsignedText(document);
        String whole = new String(document.bytes(), StandardCharsets.UTF_8);
        int begin = whole.lastIndexOf(SIGNATURE_BEGIN + "\n");
        int end = whole.lastIndexOf(SIGNATURE_END);
        Matcher line = SIGNATURE.matcher(whole.substring(begin + SIGNATURE_BEGIN.length() + 1, end));
        if (!line.matches()) {
            throw new SignatureException(Reason.MALFORMED, "'" + document.name() + "' holds no OpenPGP signature");
        }
        return check(document.name(), text, document.name(), line, keys, expected);
    }

    @Override
    public byte[] clearsignedText(FileContent document) {
        String whole = new String(document.bytes(), StandardCharsets.UTF_8);
        int textStart = whole.indexOf("\n\n");
        int begin = whole.lastIndexOf(SIGNATURE_BEGIN + "\n");
        if (!isClearsigned(document.bytes()) || textStart < 0 || begin < textStart + 2
                || whole.lastIndexOf(SIGNATURE_END) < begin) {
            throw new SignatureException(Reason.MALFORMED, "'" + document.name() + "' is not a clearsigned document");
        }
        return whole.substring(textStart + 2, begin).getBytes(StandardCharsets.UTF_8);
    }

    private VerifiedSignature check(String signedName, byte[] signed, String signatureName, Matcher line,
                                    KeySource keys, Optional<Fingerprint> expected) {
        if (!(keys instanceof KeySource.KeyringFile file) || !keyrings.containsKey(file.file())) {
            throw new SignatureException(Reason.UNREADABLE_KEYS, "cannot read the " + keys.description());
        }
        Fingerprint signer = new Fingerprint(line.group(1));
        Key key = keyrings.get(file.file()).stream().filter(k -> k.fingerprint().equals(signer)).findFirst()
                .orElseThrow(() -> new SignatureException(Reason.UNKNOWN_KEY, "cannot verify '" + signatureName
                        + "': key " + signer + " is not in the " + keys.description()));
        if (!line.group(2).equals(HexFormat.of().formatHex(digest("SHA-256", signed)))) {
            throw new SignatureException(Reason.BAD_SIGNATURE, "'" + signatureName + "' is a BAD signature of '"
                    + signedName + "' by " + key.userId());
        }
        if (expected.isPresent() && !expected.get().equals(signer)) {
            throw new SignatureException(Reason.UNEXPECTED_SIGNER, "'" + signedName + "' was signed by " + signer
                    + ", not by the expected " + expected.get());
        }
        return new VerifiedSignature(key.userId(), signer.hex(), signer.hex(), Instant.EPOCH, signed.clone(), List.of());
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
