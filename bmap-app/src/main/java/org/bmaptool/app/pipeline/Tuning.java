package org.bmaptool.app.pipeline;

/**
 * Sizes that shape the copy pipeline: the chunk each buffer holds, how many buffers the
 * pool has, the threads that verify when the pipeline has no hasher of its own, and when
 * each destination is synced along the way.
 */
public record Tuning(int chunkBytes, int buffers, int hashThreads, long syncEveryBytes,
                     long syncEveryNanos, long maxUnsyncedBytes) {

    /**
     * 8 buffers of 1 MiB, allocated as the copy first needs them (the JDK zeroes a
     * direct buffer, so each is resident from its allocation): enough for the reader,
     * both hashers and the writers to work at once, and 4 MiB of peak RSS less than
     * the 12 there were, with no change in speed; a sync every 64 MiB or
     * second, the writer held at 256 MiB not yet synced.
     */
    public static final Tuning DEFAULT = new Tuning(1 << 20, 8, 2, 64L << 20, 1_000_000_000L, 256L << 20);
}
