package org.bmaptool.app;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.bmaptool.app.common.Ports;

/**
 * The launcher's entry point ({@code -m org.bmaptool.app/org.bmaptool.app.Main}), kept
 * where the image and the tests name it; the command line itself, with every exit code,
 * is {@link org.bmaptool.app.cli.Main}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        org.bmaptool.app.cli.Main.main(args);
    }

    /** {@link org.bmaptool.app.cli.Main#run}. */
    public static int run(PrintStream out, PrintStream err, Supplier<Ports> ports, String... args) {
        return org.bmaptool.app.cli.Main.run(out, err, ports, args);
    }
}
