package org.bmaptool.app.cli;

import org.bmaptool.app.common.Ports;
import org.bmaptool.io.IoAdapters;
import org.bmaptool.linux.LinuxAdapters;

/**
 * The composition root: the one place that knows the adapters and wires them to the
 * ports. Called only when a command needs ports, so {@code --help} loads no adapter.
 */
public final class Wiring {

    private Wiring() {
    }

    /** The real adapters of this machine. */
    public static Ports systemPorts() {
        return new Ports(LinuxAdapters.fileExtentsProbe(), IoAdapters.imageSources(),
                LinuxAdapters.destinations(), LinuxAdapters.uncachedReader(), IoAdapters.signatureVerifier());
    }
}
