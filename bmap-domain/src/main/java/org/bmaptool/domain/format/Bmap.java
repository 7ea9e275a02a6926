package org.bmaptool.domain.format;

import java.util.stream.Stream;

/**
 * A bmap that has been read and checked in full: its header, and its ranges streamed
 * anew from the source on each call to {@link #ranges()}, so that a map of millions of
 * ranges never sits in memory.
 */
public final class Bmap {
    private final BmapSource source;
    private final BmapHeader header;

    Bmap(BmapSource source, BmapHeader header) {
        this.source = source;
        this.header = header;
    }

    public BmapHeader header() {
        return header;
    }

    /** The file name or URL of the bmap, for messages. */
    public String name() {
        return source.name();
    }

    /** The mapped ranges in ascending order. Close the stream when done. */
    public Stream<MappedRange> ranges() {
        return BmapReader.streamRanges(source, header);
    }
}
