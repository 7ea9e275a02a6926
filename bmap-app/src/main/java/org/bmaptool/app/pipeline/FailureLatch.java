package org.bmaptool.app.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The pipeline's one failure channel: the first failure (or a cancel) trips it, every
 * stage stops through the hooks it registered (wake a waiting writer, interrupt the
 * reader), and the copy reports that failure alone. Typed {@link StageFailure}s are
 * explained into the user's error by the function the use case gave.
 */
final class FailureLatch {
    private final Function<StageFailure, RuntimeException> explain;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private volatile boolean tripped;
    private volatile boolean cancelled;

    FailureLatch(Function<StageFailure, RuntimeException> explain) {
        this.explain = explain;
    }

    /** The user's error for {@code failure}: explained when typed, else as thrown. */
    RuntimeException explained(RuntimeException failure) {
        return failure instanceof StageFailure typed ? explain.apply(typed) : failure;
    }

    /** Runs {@code hook} when the latch trips, at once if it has; a hook may run more than once. */
    void whenTripped(Runnable hook) {
        hooks.add(hook);
        if (tripped) {
            hook.run();
        }
    }

    /** Records the copy's failure, if it is the first, and stops every stage. */
    void fail(RuntimeException error) {
        if (failure.compareAndSet(null, explained(error))) {
            trip();
        }
    }

    /** Stops every stage; the copy then ends as cancelled. */
    void cancel() {
        cancelled = true;
        trip();
    }

    /** Stops every stage without a failure of its own (an interrupted read: the failure or cancel says why). */
    void stop() {
        trip();
    }

    private void trip() {
        tripped = true;
        hooks.forEach(Runnable::run);
    }

    boolean tripped() {
        return tripped;
    }

    boolean cancelled() {
        return cancelled;
    }

    RuntimeException failure() {
        return failure.get();
    }
}
