package org.bmaptool.domain.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A hash a bmap may name in {@code <ChecksumType>}, spelled as Python's hashlib spells
 * it ({@code sha256}, {@code sha1}, {@code sha512_224}, {@code sha3_256}, {@code md5},
 * ...), together with the JDK {@link MessageDigest} algorithm that computes it and the
 * length of its hex digest. Every digest the running JDK's security providers offer is
 * accepted, so what a provider adds is usable without a change here.
 */
public record ChecksumType(String name, String algorithm, int hexLength) {

    public static final ChecksumType SHA1 = new ChecksumType("sha1", "SHA-1", 40);
    public static final ChecksumType SHA256 = new ChecksumType("sha256", "SHA-256", 64);

    /**
     * The type named {@code name}: its hashlib spelling or its JDK name, in any case and
     * with blanks around it ({@code sha256}, {@code SHA256}, {@code SHA-256},
     * {@code sha3-256}), if the JDK offers it.
     */
    public static Optional<ChecksumType> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        String underscored = wanted.replace('-', '_');
        // The usual names resolve directly: enumerating every provider's algorithms would
        // load and instantiate all security providers in the image (Bouncy Castle too),
        // costing start-up time and tens of MiB for nothing.
        Optional<ChecksumType> direct = jdkName(underscored).flatMap(ChecksumType::of);
        if (direct.isPresent()) {
            return direct;
        }
        for (String algorithm : Security.getAlgorithms("MessageDigest")) {
            String hashlib = hashlibName(algorithm);
            if (hashlib.equals(wanted) || hashlib.equals(underscored) || algorithm.equalsIgnoreCase(wanted)) {
                return of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The JDK's standard name for a hashlib spelling of the SHA family or MD5, if it is one. */
    private static Optional<String> jdkName(String hashlib) {
        if (hashlib.equals("md5")) {
            return Optional.of("MD5");
        }
        if (hashlib.matches("sha(1|224|256|384|512)")) {
            return Optional.of("SHA-" + hashlib.substring(3));
        }
        if (hashlib.matches("sha512_(224|256)")) {
            return Optional.of("SHA-512/" + hashlib.substring(7));
        }
        if (hashlib.matches("sha3_(224|256|384|512)")) {
            return Optional.of("SHA3-" + hashlib.substring(5));
        }
        return Optional.empty();
    }

    /** Every type the running JDK offers, by hashlib name. */
    public static List<ChecksumType> available() {
        return Security.getAlgorithms("MessageDigest").stream()
                .map(ChecksumType::of)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(ChecksumType::name))
                .collect(Collectors.toList());
    }

    /**
     * Python's hashlib spelling of a JDK digest name: lower case, no dash after "sha"
     * and underscores for the other separators ({@code SHA-512/224} is
     * {@code sha512_224}, {@code SHA3-256} is {@code sha3_256}).
     */
    static String hashlibName(String algorithm) {
        String lower = algorithm.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sha-")) {
            lower = "sha" + lower.substring(4);
        }
        return lower.replace('/', '_').replace('-', '_');
    }

    private static Optional<ChecksumType> of(String algorithm) {
        try {
            int bytes = MessageDigest.getInstance(algorithm).getDigestLength();
            // A digest that does not know its length cannot be checked against a bmap.
            return bytes > 0 ? Optional.of(new ChecksumType(hashlibName(algorithm), algorithm, bytes * 2))
                    : Optional.empty();
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
