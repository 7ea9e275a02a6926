package org.bmaptool.domain.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A hash a bmap may name in {@code <ChecksumType>}, spelled as Python's hashlib spells
 * it ({@code sha256}, {@code sha1}, {@code md5}, ...), together with the JDK
 * {@link MessageDigest} algorithm that computes it and the length of its hex digest.
 */
public record ChecksumType(String name, String algorithm, int hexLength) {

    public static final ChecksumType SHA1 = new ChecksumType("sha1", "SHA-1", 40);
    public static final ChecksumType SHA256 = new ChecksumType("sha256", "SHA-256", 64);

    // hashlib name -> JDK algorithm name, for every hash both know.
    private static final Map<String, String> ALGORITHMS = Map.ofEntries(
            Map.entry("md5", "MD5"),
            Map.entry("sha1", "SHA-1"),
            Map.entry("sha224", "SHA-224"),
            Map.entry("sha256", "SHA-256"),
            Map.entry("sha384", "SHA-384"),
            Map.entry("sha512", "SHA-512"),
            Map.entry("sha512_224", "SHA-512/224"),
            Map.entry("sha512_256", "SHA-512/256"),
            Map.entry("sha3_224", "SHA3-224"),
            Map.entry("sha3_256", "SHA3-256"),
            Map.entry("sha3_384", "SHA3-384"),
            Map.entry("sha3_512", "SHA3-512"));

    /** The type named {@code name} (case and surrounding blanks ignored), if the JDK has it. */
    public static Optional<ChecksumType> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        String algorithm = ALGORITHMS.get(key);
        if (algorithm == null) {
            return Optional.empty();
        }
        try {
            int length = MessageDigest.getInstance(algorithm).getDigestLength() * 2;
            return Optional.of(new ChecksumType(key, algorithm, length));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** A fresh digest for this type. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // named() only makes types whose algorithm the JDK has.
            throw new IllegalStateException(algorithm, e);
        }
    }

    /** True when {@code text} is a digest of this type: the right length, hex digits only. */
    public boolean isWellFormed(String text) {
        if (text.length() != hexLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
