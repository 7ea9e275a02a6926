/**
 * The ports of the hexagon: the interfaces through which the application reaches files,
 * devices, networks and keys. Adapters implement them; the application and its tests
 * see only these types.
 */
module org.bmaptool.ports {
    requires transitive org.bmaptool.domain;

    exports org.bmaptool.ports;
    exports org.bmaptool.ports.destination;
    exports org.bmaptool.ports.extents;
    exports org.bmaptool.ports.location;
    exports org.bmaptool.ports.readback;
    exports org.bmaptool.ports.signature;
    exports org.bmaptool.ports.source;
}
