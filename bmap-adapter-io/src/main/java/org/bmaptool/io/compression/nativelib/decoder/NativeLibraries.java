package org.bmaptool.io.compression.nativelib.decoder;

import java.util.List;
import java.util.Optional;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import org.bmaptool.io.compression.nativelib.LibBz2;
import org.bmaptool.io.compression.nativelib.LibLzma;

/**
 * The system's compression libraries, each loaded on first use, or empty where it is
 * missing (a minimal container) or the machine is not LP64: the pure-Java decoders then
 * do the work, slower but alike. Every Debian and Fedora system has both libraries, as
 * {@code xz-utils} and {@code bzip2} need them.
 */
public final class NativeLibraries {

    private NativeLibraries() {
    }

    /** liblzma, when it loads. */
    public static Optional<LibLzma> lzma() {
        return Lzma.LOADED;
    }

    /** libbz2, when it loads. */
    public static Optional<LibBz2> bz2() {
        return Bz2.LOADED;
    }

    /** The jnr-ffi runtime the libraries are bound in, for allocating the memory they read and write. */
    public static Runtime runtime() {
        return Runtime.getSystemRuntime();
    }

    /** Loads {@code type} from the first of {@code names} that loads; the versioned name needs no -dev package. */
    private static <T> Optional<T> load(Class<T> type, List<String> names) {
        for (String name : names) {
            try {
                if (Runtime.getSystemRuntime().addressSize() != 8) {
                    return Optional.empty(); // the struct layouts are those of LP64
                }
                return Optional.of(LibraryLoader.create(type).failImmediately().load(name));
            } catch (LinkageError | RuntimeException missing) {
                // try the next name; none left (or no jffi stub, as on a noexec /tmp) means the Java decoder
            }
        }
        return Optional.empty();
    }

    /** One holder per library, so that decoding one format never loads the other. */
    private static final class Lzma {
        static final Optional<LibLzma> LOADED = load(LibLzma.class, List.of("lzma", "liblzma.so.5"));

        private Lzma() {
        }
    }

    private static final class Bz2 {
        static final Optional<LibBz2> LOADED = load(LibBz2.class, List.of("bz2", "libbz2.so.1.0", "libbz2.so.1"));

        private Bz2() {
        }
    }
}
