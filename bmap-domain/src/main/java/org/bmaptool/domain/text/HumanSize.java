package org.bmaptool.domain.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes, percentages and durations in the words upstream bmaptool prints and writes
 * into bmap comments ({@code 802.5 KiB}, {@code 58.2%}, {@code 1m 3.5s}): the same
 * steps as upstream's {@code human_size} and {@code human_time}, quirks included (the
 * unit after TiB is {@code EiB}). Python's {@code "%.1f"} rounds the exact binary value
 * half-to-even; so does this, so the text is the same to the byte.
 */
public final class HumanSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private HumanSize() {
    }

    /** A byte count as upstream's {@code human_size}: {@code 1 byte}, {@code 12 bytes}, {@code 3.0 GiB}. */
    public static String bytes(long size) {
        if (size == 1) {
            return "1 byte";
        }
        if (size < 512) {
            return size + " bytes";
        }
        return scaled((double) size);
    }

    /**
     * A fractional byte count (a speed) as upstream's {@code human_size} shows it: below
     * 512, Python's {@code "%d"} drops the fraction.
     */
    public static String bytes(double size) {
        if (size == 1) {
            return "1 byte";
        }
        if (size < 512) {
            return (long) size + " bytes";
        }
        return scaled(size);
    }

    private static String scaled(double size) {
        double value = size;
        for (String unit : UNITS) {
            value /= 1024.0;
            if (value < 1024) {
                return oneDecimal(value) + " " + unit;
            }
        }
        return oneDecimal(value) + " EiB";
    }

    /** A percentage with one decimal and a percent sign, as Python's {@code "%.1f%%"}. */
    public static String percent(double value) {
        return oneDecimal(value) + "%";
    }

    /** Python's {@code "%.1f" % value}. */
    public static String oneDecimal(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero, and of -0.0.
        boolean negative = value < 0 || 1 / value < 0;
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    /**
     * A duration as upstream's {@code human_time}: hours and minutes only when not zero,
     * then seconds with one decimal ({@code 4.2s}, {@code 3m 4.0s}, {@code 1h 0.5s}).
     */
    public static String seconds(double seconds) {
        double[] minutesSeconds = floorDivmod(seconds, 60);
        double[] hoursMinutes = floorDivmod(minutesSeconds[0], 60);
        StringBuilder text = new StringBuilder();
        if (hoursMinutes[0] != 0) {
            text.append((long) hoursMinutes[0]).append("h ");
        }
        if (hoursMinutes[1] != 0) {
            text.append((long) hoursMinutes[1]).append("m ");
        }
        return text.append(oneDecimal(minutesSeconds[1])).append('s').toString();
    }

    // Python's divmod() of two floats (CPython's float_divmod), step for step.
    private static double[] floorDivmod(double x, double y) {
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0) {
            if ((y < 0) != (mod < 0)) {
                mod += y;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, y);
        }
        double floorDiv;
        if (div != 0) {
            floorDiv = Math.floor(div);
            if (div - floorDiv > 0.5) {
                floorDiv += 1.0;
            }
        } else {
            floorDiv = Math.copySign(0.0, x / y);
        }
        return new double[] {floorDiv, mod};
    }
}
