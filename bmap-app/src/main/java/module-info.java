/**
 * The bmaptool command: parses the command line, wires the adapters to the ports, runs
 * the create and copy use cases and maps every error to an exit code. Exports nothing;
 * it is the top of the module graph.
 */
module org.bmaptool.app {
    requires org.bmaptool.domain;
    requires org.bmaptool.ports;
    requires org.bmaptool.linux;
    requires org.bmaptool.io;
    requires info.picocli;

    // picocli reads and sets the annotated option fields reflectively.
    opens org.bmaptool.app.cli to info.picocli;
}
