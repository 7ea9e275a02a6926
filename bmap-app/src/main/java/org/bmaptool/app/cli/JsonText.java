package org.bmaptool.app.cli;

import java.util.Locale;

/**
 * Text as a JSON string literal, for the JSON progress lines: quotes, backslashes and
 * control characters escaped, and the two line separators JavaScript reads as line ends,
 * so that a destination's name or an error message can never break a line in two.
 */
final class JsonText {

    private JsonText() {
    }

    /** {@code text} quoted as a JSON string. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    quoted.append("\\\"");
                    break;
                case '\\':
                    quoted.append("\\\\");
                    break;
                case '\n':
                    quoted.append("\\n");
                    break;
                case '\r':
                    quoted.append("\\r");
                    break;
                case '\t':
                    quoted.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
            }
        }
        return quoted.append('"').toString();
    }
}
