package org.bmaptool.app.cli;

import org.bmaptool.app.common.Interruptions;
import org.bmaptool.app.failure.CommandException;

/**
 * {@link Interruptions} over a JVM shutdown hook ({@link CopyInterruption}): once a
 * signal fired, the outcome of the guarded part is reported here, through the same
 * mapping as {@link Main#run}, and the hook ends the VM with its exit code.
 */
final class SignalInterruptions implements Interruptions {
    private final Console console;

    SignalInterruptions(Console console) {
        this.console = console;
    }

    @Override
    public void guard(Runnable cancel, Runnable body) {
        CopyInterruption interruption = CopyInterruption.install(cancel);
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            if (interruption.fired()) {
                // The VM is going down: report here; the hook exits once we settle. Whatever
                // broke after the signal (a destination the hook closed) counts as the interrupt.
                console.error(e.getMessage());
                interruption.settle(e instanceof CommandException ? Main.exitCode(e) : Main.INTERRUPTED);
            }
            throw e;
        } finally {
            interruption.close();
        }
        if (interruption.fired()) {
            interruption.settle(Main.OK);
        }
    }
}
