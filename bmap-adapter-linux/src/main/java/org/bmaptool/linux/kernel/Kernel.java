package org.bmaptool.linux.kernel;

import java.util.function.IntSupplier;
import jnr.ffi.LibraryLoader;
import org.bmaptool.linux.libc.LibC;

/**
 * The C library as the kernel classes use it: the {@link LibC} binding and the errno its
 * last call left on this thread. The kernel classes get one through their constructors,
 * as jnr-posix's classes get a {@code LibCProvider}, so that tests can hand them a fake;
 * {@link #load()} makes the real one, and only the adapter factory calls it, once and on
 * first use. The one class outside the binding package that touches jnr-ffi.
 */
public final class Kernel {
    private final LibC libc;
    private final IntSupplier errno;

    /**
     * @param errno this thread's errno after the last call of {@code libc} (only read
     *     after a call failed)
     */
    public Kernel(LibC libc, IntSupplier errno) {
        this.libc = libc;
        this.errno = errno;
    }

    /**
     * Generates the binding of the system's libc: a fraction of a second of CPU, which
     * is why it is made only when a command maps a file or opens a device.
     */
    public static Kernel load() {
        LibC libc = LibraryLoader.create(LibC.class).load("c");
        return new Kernel(libc, jnr.ffi.Runtime.getRuntime(libc)::getLastError);
    }

    LibC libc() {
        return libc;
    }

    /** errno of this thread's last call. */
    int errno() {
        return errno.getAsInt();
    }

    /** errno of this thread's last call, as text. */
    String lastError() {
        return libc.strerror(errno.getAsInt());
    }

    /** An error number as text. */
    String strerror(int error) {
        return libc.strerror(error);
    }
}
