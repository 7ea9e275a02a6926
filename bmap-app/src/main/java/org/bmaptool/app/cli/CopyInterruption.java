package org.bmaptool.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM while a copy runs. The JVM turns both into a shutdown; the hook
 * this installs cancels the copy and then waits for the copying thread to sync what was
 * written, close the destination (which restores the device tuning) and report, before
 * it ends the VM with the exit code that thread settled on (130 for an interrupted
 * copy). Without a signal, {@link #close()} simply removes the hook.
 */
public final class CopyInterruption implements AutoCloseable {
    // Long enough for the last periodic sync of a slow stick; a second signal cannot cut
    // a JVM shutdown short, so this bounds the wait.
    private static final long SETTLE_MINUTES = 2;

    private final Thread hook;
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile boolean fired;
    private volatile int exitCode = Main.INTERRUPTED;

    private CopyInterruption(Runnable cancel) {
        this.hook = new Thread(() -> {
            fired = true;
            cancel.run();
            try {
                settled.await(SETTLE_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(exitCode);
        }, "bmaptool-interrupt");
    }

    /** Installs the hook; {@code cancel} is called from it when a signal arrives. */
    public static CopyInterruption install(Runnable cancel) {
        CopyInterruption interruption = new CopyInterruption(cancel);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** True once a signal has started the shutdown. */
    public boolean fired() {
        return fired;
    }

    /**
     * Called by the copying thread when it has cleaned up and reported after a signal:
     * lets the hook end the VM with {@code code}. Does not return: the VM is going down,
     * and returning would let the caller print a second report.
     */
    public void settle(int code) {
        exitCode = code;
        settled.countDown();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // The hook halts the VM; nothing to do but wait for it.
            }
        }
    }

    @Override
    public void close() {
        if (fired) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // A signal came just now: the hook runs and must not wait for a settle that
            // already happened.
            settled.countDown();
        }
    }
}
