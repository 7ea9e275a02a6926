package org.bmaptool.app.copy;

import java.nio.ByteBuffer;
import java.util.function.Function;
import org.bmaptool.app.cli.Wiring;
import org.bmaptool.app.common.Ports;
import org.bmaptool.ports.destination.Destination;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.Destinations;

/**
 * A destination that passes everything to {@code real} except what a test overrides: the
 * faults the copy tests put at the destination port, over the real adapters.
 */
class Forwarding implements Destination {
    final Destination real;

    Forwarding(Destination real) {
        this.real = real;
    }

    /** The system's ports, with each opened destination passed through {@code wrap}. */
    static Ports wrapping(Function<Destination, Destination> wrap) {
        Ports system = Wiring.systemPorts();
        Destinations destinations = request -> wrap.apply(system.destinations().open(request));
        return new Ports(system.extents(), system.sources(), destinations, system.readBack(), system.signatures());
    }

    @Override
    public String name() {
        return real.name();
    }

    @Override
    public DestinationKind kind() {
        return real.kind();
    }

    @Override
    public void write(ByteBuffer data, long position) {
        real.write(data, position);
    }

    @Override
    public void zero(long start, long end) {
        real.zero(start, end);
    }

    @Override
    public void sync() {
        real.sync();
    }

    @Override
    public void close() {
        real.close();
    }
}
