package org.bmaptool.domain.format;

/**
 * The domain's one error: a bmap that cannot be read, fails a rule of its format, or
 * does not fit the image. The message is one human line naming the file and the cause.
 */
public class BmapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BmapException(String message) {
        super(message);
    }

    public BmapException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * This failure with upstream bmaptool's words for it in front ({@code words: ours}),
     * so that scripts written against upstream's messages still match.
     */
    BmapException afterUpstreamWords(String words) {
        return new BmapException(words + ": " + getMessage(), getCause());
    }
}
