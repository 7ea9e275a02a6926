package org.bmaptool.ports.signature;

import java.util.Locale;

/**
 * The full fingerprint of an OpenPGP key in upper-case hexadecimal: 40 digits for a v4
 * key, 64 for a v5 or v6 key. Parsing ignores spaces, case and a {@code 0x} prefix, so a
 * fingerprint copied from {@code gpg --fingerprint} works as printed.
 */
public record Fingerprint(String hex) {

    public Fingerprint {
        if (!hex.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + hex + "' is not a full OpenPGP fingerprint"
                    + " (40 or 64 hexadecimal digits)");
        }
    }

    /**
     * Parses what a user typed.
     *
     * @throws IllegalArgumentException when it is not a full fingerprint (a short or long key id is not enough)
     */
    public static Fingerprint parse(String typed) {
        String hex = typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (!hex.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + typed + "' is not a full OpenPGP fingerprint"
                    + " (40 or 64 hexadecimal digits, spaces allowed)");
        }
        return new Fingerprint(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
