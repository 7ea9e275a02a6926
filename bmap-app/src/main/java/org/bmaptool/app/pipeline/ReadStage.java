package org.bmaptool.app.pipeline;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.bmaptool.ports.PortException;

/**
 * Reads the job's spans in order into pool buffers and hands each chunk to every writer
 * and, when the span has a checksum, to its verification. It is the only stage the
 * latch interrupts: it may wait for a buffer or sit in an interruptible read. A read
 * that no interrupt ends (a pipe) is left behind: its thread is a daemon and nothing it
 * reads reaches a destination any more.
 */
final class ReadStage implements Runnable {
    private final Job job;
    private final BufferPool pool;
    private final VerifyStage verify;
    private final List<Handoff> writers;
    private final FailureLatch latch;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Thread running;
    private volatile long blocksRead;

    /** {@code verify} is null when nothing is verified. */
    ReadStage(Job job, BufferPool pool, VerifyStage verify, List<Handoff> writers, FailureLatch latch) {
        this.job = job;
        this.pool = pool;
        this.verify = verify;
        this.writers = List.copyOf(writers);
        this.latch = latch;
        latch.whenTripped(this::interrupt);
    }

    /** Blocks read so far, counted as upstream counts them. */
    long blocksRead() {
        return blocksRead;
    }

    @Override
    public void run() {
        synchronized (this) {
            running = Thread.currentThread();
        }
        try {
            readAll();
        } catch (InterruptedException e) {
            // Stopped by a failure elsewhere or a cancel; they say why.
            latch.stop();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ClosedByInterruptException) {
                latch.stop();
            } else {
                latch.fail(e);
            }
        } finally {
            synchronized (this) {
                running = null;
            }
            writers.forEach(Handoff::close);
            ended.countDown();
        }
    }

    /** Waits for the end of a reader that was not stopped (a stopped one may never end). */
    void awaitEnd(FailureLatch latch) throws InterruptedException {
        if (!latch.tripped()) {
            ended.await();
        }
    }

    // Only while this stage runs: the executor's thread goes on to other work after it.
    private synchronized void interrupt() {
        if (running != null) {
            running.interrupt();
        }
    }

    private void readAll() throws InterruptedException {
        long blocks = 0;
        while (job.spans().hasNext() && !latch.tripped()) {
            Span span = job.spans().next();
            VerifyStage.Check check = verify != null && span.checksum().isPresent() ? verify.check(span) : null;
            long position = span.start();
            while (position < span.end() && !latch.tripped()) {
                ByteBuffer buffer = pool.take();
                buffer.clear().limit((int) Math.min(buffer.capacity(), span.end() - position));
                int n = readFully(span, buffer, position);
                if (n == 0) {
                    pool.offer(buffer);
                    blocksRead = blocks + blocksIn(position - span.start());
                    return;
                }
                buffer.flip();
                position += n;
                Chunk chunk = new Chunk(position - n, buffer, pool, writers.size() + (check != null ? 1 : 0),
                        position >= span.end());
                if (check != null) {
                    check.add(chunk);
                }
                for (Handoff writer : writers) {
                    writer.put(chunk);
                }
            }
            blocks += blocksIn(position - span.start());
            blocksRead = blocks;
        }
    }

    private long blocksIn(long bytes) {
        return (bytes + job.blockSize() - 1) / job.blockSize();
    }

    private int readFully(Span span, ByteBuffer buffer, long position) {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n;
            try {
                n = job.image().read(buffer, position + total);
            } catch (PortException e) {
                // A decoder's failure names the file and the offset itself; an interrupt is a stop.
                if (e.subject().isEmpty() || e.getCause() instanceof ClosedByInterruptException) {
                    throw e;
                }
                throw StageFailure.read(job.image().name(), (position + total) / job.blockSize(), span.lastBlock(), e);
            }
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
