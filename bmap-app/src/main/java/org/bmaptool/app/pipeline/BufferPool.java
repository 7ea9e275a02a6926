package org.bmaptool.app.pipeline;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bmaptool.app.common.PageAlignedBuffers;

/**
 * At most {@code capacity} page-aligned direct buffers, allocated when first needed, then
 * handed round: the copy's memory is this pool, whatever the image size and the number
 * of destinations, and no buffer is allocated per chunk.
 */
final class BufferPool {
    private final BlockingQueue<ByteBuffer> free;
    private final int capacity;
    private final int bytes;
    private int allocated;

    BufferPool(int capacity, int bytes) {
        this.free = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.bytes = bytes;
    }

    /** A free buffer; waits for one when all are allocated and in use. Called by the reader only. */
    ByteBuffer take() throws InterruptedException {
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (allocated < capacity) {
            allocated++;
            return PageAlignedBuffers.allocate(bytes);
        }
        return free.take();
    }

    void offer(ByteBuffer buffer) {
        free.offer(buffer);
    }
}
