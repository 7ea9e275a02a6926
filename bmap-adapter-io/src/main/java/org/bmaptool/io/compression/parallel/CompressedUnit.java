package org.bmaptool.io.compression.parallel;

/**
 * One piece of a compressed file that decodes on its own (a bzip2 stream, an xz block
 * wrapped as a stream of its own), or the start of everything left of the file when it
 * cannot be cut further and must be decoded front to back.
 *
 * @param kind how it is decoded: held whole, streamed from the file, or as the rest of the file
 * @param bytes what the decoder reads: {@code bytes[0, length)}
 * @param length how many of {@code bytes} are the unit's
 * @param prefix how many bytes at its start are not the file's own (xz's copied stream header)
 * @param offset the file offset of the first of the file's own bytes in it
 * @param fileBytes how many of the file's own bytes it holds
 * @param decodedSize its decoded size when the format says it in advance, else -1
 */
public record CompressedUnit(Kind kind, byte[] bytes, int length, int prefix, long offset, int fileBytes,
                             long decodedSize) {

    /** How a unit is decoded. */
    public enum Kind {
        /** Held whole in memory, decoded by a worker. */
        HELD,
        /**
         * Too large to hold (or its end unknown until it is read): {@code bytes} hold only
         * its start, and {@link CompressedUnits#streamed} reads the rest straight from the
         * file, in turn, before any later unit is cut.
         */
        STREAMED,
        /** Only the start of the rest of the file, to be decoded sequentially. */
        REST
    }

    /** A unit held whole in memory. */
    public static CompressedUnit held(byte[] bytes, int length, int prefix, long offset, int fileBytes,
                                      long decodedSize) {
        return new CompressedUnit(Kind.HELD, bytes, length, prefix, offset, fileBytes, decodedSize);
    }

    /** A unit of which {@code bytes} hold the start, the rest read from the file as it is decoded. */
    public static CompressedUnit streamed(byte[] bytes, int length, int prefix, long offset, int fileBytes,
                                          long decodedSize) {
        return new CompressedUnit(Kind.STREAMED, bytes, length, prefix, offset, fileBytes, decodedSize);
    }

    /** The start of the rest of the file, all of it the file's own bytes, from {@code offset}. */
    public static CompressedUnit rest(byte[] bytes, int length, long offset) {
        return new CompressedUnit(Kind.REST, bytes, length, 0, offset, length, -1);
    }

    /** Whether it is only the start of the rest of the file, to be decoded sequentially. */
    public boolean rest() {
        return kind == Kind.REST;
    }

    /** Whether it is streamed: only its start is held. */
    public boolean streamed() {
        return kind == Kind.STREAMED;
    }
}
