package org.bmaptool.app.pipeline;

import java.util.Optional;

/**
 * Bytes {@code start} (inclusive) to {@code end} (exclusive) of the image, the blocks
 * {@code firstBlock}-{@code lastBlock} of a bmap range, with the checksum to verify.
 */
public record Span(long firstBlock, long lastBlock, long start, long end, Optional<String> checksum) {
}
