module org.jnrproject.posix {
    requires java.logging;
    requires java.management;
    requires jdk.unsupported;

    requires transitive org.jnrproject.constants;
    requires transitive org.jnrproject.ffi;

    exports jnr.posix;
    exports jnr.posix.util;
    exports jnr.posix.windows;

}
