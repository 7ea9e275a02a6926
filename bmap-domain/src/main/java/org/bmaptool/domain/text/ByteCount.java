package org.bmaptool.domain.text;

/**
 * A byte count written as GNU dd reads its {@code skip=}, {@code seek=}, {@code count=}
 * and {@code bs=} operands: a decimal number with an optional multiplicative suffix
 * ({@code c} 1, {@code w} 2, {@code b} 512, {@code K}/{@code k}/{@code KiB} 1024,
 * {@code kB}/{@code KB} 1000, {@code M}/{@code MiB} 2^20, {@code MB} 10^6, and so on for
 * {@code G}, {@code T}, {@code P}, {@code E}, {@code Z}, {@code Y}), or the product of two
 * such numbers joined by {@code x} ({@code 2x512}, {@code 4xM}: {@code dd --help} documents
 * {@code xM=M}, and coreutils 9.1's dd takes one product, not a chain). As in dd, a suffix
 * alone stands for one of it ({@code M} is 1048576). Only what dd documents is read: its C
 * library leniencies (leading blanks or {@code +}, {@code D} for {@code B}, {@code cB}) are
 * refused, and so is {@code 0x...}, which dd reads as a product of zero and only warns
 * about, because a user who meant hexadecimal would otherwise flash at offset 0.
 */
public final class ByteCount {
    /** dd's power letters, in order: K is 1024 (or 1000 with B), M its square, and so on. */
    private static final String POWERS = "KMGTPEZY";
    private static final String SUFFIXES =
            "c, w, b, kB, K, KiB, MB, M, MiB, GB, G, GiB, and so on for T, P, E, Z, Y";

    private ByteCount() {
    }

    /**
     * The number of bytes {@code text} stands for.
     *
     * @throws ByteCountException naming {@code text} when it is not a byte count
     */
    public static long parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new ByteCountException("'' is not a byte count: it is empty");
        }
        if (text.startsWith("0x")) {
            throw new ByteCountException(invalid(text, "hexadecimal is not read (dd would read "
                    + "0x as a factor of zero: write 00x... if zero is meant)"));
        }
        String[] factors = text.split("x", -1);
        if (factors.length > 2) {
            throw new ByteCountException(invalid(text, "dd reads one product (NxM), not a chain of them"));
        }
        long product = 1;
        boolean overflow = false;
        for (String factor : factors) {
            long value = factor(text, factor);
            // Like dd, a zero factor makes the product zero even after an overflow (0x8E... is 0).
            if (value < 0) {
                overflow = true;
            } else if (value == 0) {
                return zeroOf(text);
            } else if (!overflow) {
                overflow = product > Long.MAX_VALUE / value;
                product *= value;
            }
        }
        if (overflow) {
            throw new ByteCountException(invalid(text, "larger than " + Long.MAX_VALUE + " bytes"));
        }
        return product;
    }

    // The rest of the product is still checked for its syntax: "0x5Q" is refused as dd does.
    private static long zeroOf(String text) {
        for (String factor : text.split("x", -1)) {
            factor(text, factor);
        }
        return 0;
    }

    /** One factor's value, or -1 when it is valid but overflows. */
    private static long factor(String text, String factor) {
        int digits = 0;
        while (digits < factor.length() && factor.charAt(digits) >= '0' && factor.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0) {
            if (factor.startsWith("-")) {
                throw new ByteCountException(invalid(text, "it is negative"));
            }
            if (factor.isEmpty()) {
                throw new ByteCountException(invalid(text, "a number is missing around 'x'"));
            }
            if (factor.charAt(0) != 'k' && POWERS.indexOf(factor.charAt(0)) < 0 && "cwb".indexOf(factor.charAt(0)) < 0) {
                throw new ByteCountException(invalid(text, "'" + factor + "' does not start with a decimal number"));
            }
            return multiplier(text, factor);
        }
        long multiplier = multiplier(text, factor.substring(digits));
        long number = 0;
        for (int i = 0; i < digits; i++) {
            int digit = factor.charAt(i) - '0';
            if (number > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            number = number * 10 + digit;
        }
        if (number == 0) {
            return 0;
        }
        if (multiplier < 0 || number > Long.MAX_VALUE / multiplier) {
            return -1;
        }
        return number * multiplier;
    }

    /** The suffix's multiplier, or -1 for a valid suffix past Long.MAX_VALUE (Z, Y). */
    private static long multiplier(String text, String suffix) {
        switch (suffix) {
            case "":
            case "c":
                return 1;
            case "w":
                return 2;
            case "b":
                return 512;
            default:
                break;
        }
        char letter = suffix.charAt(0) == 'k' ? 'K' : suffix.charAt(0);
        int power = POWERS.indexOf(letter) + 1;
        String rest = suffix.substring(1);
        if (power == 0 || !(rest.isEmpty() || rest.equals("B") || rest.equals("iB"))) {
            throw new ByteCountException(invalid(text, "unknown suffix '" + suffix + "' (dd's suffixes: "
                    + SUFFIXES + ")"));
        }
        long base = rest.equals("B") ? 1000 : 1024;
        long multiplier = 1;
        for (int i = 0; i < power; i++) {
            if (multiplier > Long.MAX_VALUE / base) {
                return -1;
            }
            multiplier *= base;
        }
        return multiplier;
    }

    private static String invalid(String text, String why) {
        return "'" + text + "' is not a byte count: " + why;
    }
}
