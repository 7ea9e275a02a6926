package org.bmaptool.domain.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sizes, percentages and durations in the words upstream bmaptool prints and writes
 * into bmap comments ({@code 802.5 KiB}, {@code 58.2%}). Python's {@code "%.1f"}
 * rounds the exact binary value half-to-even; so does this, so the text is the same
 * to the byte.
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
        double value = size;
        for (String unit : UNITS) {
            value /= 1024.0;
            if (value < 1024) {
                return oneDecimal(value) + " " + unit;
            }
        }
        return oneDecimal(value) + " PiB";
    }

    /** A percentage with one decimal and a percent sign, as Python's {@code "%.1f%%"}. */
    public static String percent(double value) {
        return oneDecimal(value) + "%";
    }

    /** Python's {@code "%.1f" % value}. */
    public static String oneDecimal(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A duration as upstream's {@code human_time}: {@code 1.2s}, {@code 3m 4s}, {@code 1h 2m 3s}. */
    public static String seconds(double seconds) {
        if (seconds < 60) {
            return oneDecimal(seconds) + "s";
        }
        long whole = (long) seconds;
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        long secs = whole % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append("h ");
        }
        text.append(minutes).append("m ").append(secs).append('s');
        return text.toString();
    }
}
