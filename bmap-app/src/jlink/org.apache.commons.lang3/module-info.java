// The library's own descriptor, with java.desktop made optional (requires static): the
// paths bmaptool uses never touch it, and it would add about 19 MB to the image.
module org.apache.commons.lang3 {
    requires static java.desktop;
    exports org.apache.commons.lang3.arch;
    exports org.apache.commons.lang3.builder;
    exports org.apache.commons.lang3.compare;
    exports org.apache.commons.lang3.concurrent.locks;
    exports org.apache.commons.lang3.concurrent;
    exports org.apache.commons.lang3.event;
    exports org.apache.commons.lang3.exception;
    exports org.apache.commons.lang3.function;
    exports org.apache.commons.lang3.math;
    exports org.apache.commons.lang3.mutable;
    exports org.apache.commons.lang3.reflect;
    exports org.apache.commons.lang3.stream;
    exports org.apache.commons.lang3.text.translate;
    exports org.apache.commons.lang3.text;
    exports org.apache.commons.lang3.time;
    exports org.apache.commons.lang3.tuple;
    exports org.apache.commons.lang3.util;
    exports org.apache.commons.lang3;
}
