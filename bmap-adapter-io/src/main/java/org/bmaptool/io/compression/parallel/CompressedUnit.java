package org.bmaptool.io.compression.parallel;

/**
 * One piece of a compressed file that decodes on its own (a bzip2 stream, an xz block
 * wrapped as a stream of its own), or the start of everything left of the file when it
 * cannot be cut further and must be decoded front to back.
 *
 * @param bytes what the decoder reads: {@code bytes[0, length)}
 * @param length how many of {@code bytes} are the unit's
 * @param prefix how many bytes at its start are not the file's own (xz's copied stream header)
 * @param offset the file offset of the first of the file's own bytes in it
 * @param fileBytes how many of the file's own bytes it holds
 * @param decodedSize its decoded size when the format says it in advance, else -1
 * @param rest whether it is only the start of the rest of the file, to be decoded sequentially
 * @param streamed whether it is too large to hold (or its end unknown until it is read):
 *     {@code bytes} hold only its start, and {@link CompressedUnits#streamed} reads the
 *     rest straight from the file, in turn, before any later unit is cut
 */
public record CompressedUnit(byte[] bytes, int length, int prefix, long offset, int fileBytes, long decodedSize,
                      boolean rest, boolean streamed) {

    /** A unit held whole in memory, or a rest. */
    public CompressedUnit(byte[] bytes, int length, int prefix, long offset, int fileBytes, long decodedSize, boolean rest) {
        this(bytes, length, prefix, offset, fileBytes, decodedSize, rest, false);
    }
}
