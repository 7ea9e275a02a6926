module org.jnrproject.jffi {
    requires java.logging;

    requires transitive jdk.unsupported;

    exports com.kenai.jffi;
    exports com.kenai.jffi.internal;

}
