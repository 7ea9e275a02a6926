package org.bmaptool.domain.format;

import org.bmaptool.domain.block.BlockRange;

/**
 * The text of a {@code <Range>}: {@code first-last} or a single block number, blanks
 * around each number allowed, parsed in place (the hot path of a huge map) with no
 * intermediate strings.
 */
final class RangeText {

    private RangeText() {
    }

    /** The blocks {@code text} names; {@code where} tells the failure's line. */
    static BlockRange parse(CharSequence text, XmlCursor where) {
        int end = text.length();
        int at = skipBlanks(text, 0);
        int firstEnd = digitsEnd(text, at);
        long first = number(text, at, firstEnd);
        at = skipBlanks(text, firstEnd);
        long last = first;
        if (first >= 0 && at < end && text.charAt(at) == '-') {
            at = skipBlanks(text, at + 1);
            int lastEnd = digitsEnd(text, at);
            last = number(text, at, lastEnd);
            at = skipBlanks(text, lastEnd);
        }
        if (first < 0 || last < 0 || at != end) {
            throw where.fail("range \"" + text.toString().strip() + "\" is not \"first-last\" or a single block number");
        }
        if (first > last) {
            throw where.fail("range \"" + text.toString().strip() + "\" has its first block after its last")
                    .afterUpstreamWords("bad range (first > last): '" + text.toString().strip() + "'");
        }
        return new BlockRange(first, last);
    }

    static int skipBlanks(CharSequence text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    static int digitsEnd(CharSequence text, int at) {
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    // The number text[from, to) holds, or -1 when it is empty or has more than 18 digits.
    static long number(CharSequence text, int from, int to) {
        if (to == from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
