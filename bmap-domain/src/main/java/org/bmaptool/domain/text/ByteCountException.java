package org.bmaptool.domain.text;

/**
 * A text that is not a byte count as dd reads one: empty, negative, not a decimal
 * number, an unknown suffix, or a value past {@link Long#MAX_VALUE}. The message is one
 * human line that quotes the text and says why, for the command line to show as it is.
 */
public class ByteCountException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ByteCountException(String message) {
        super(message);
    }
}
