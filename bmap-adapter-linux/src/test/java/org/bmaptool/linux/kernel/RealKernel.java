package org.bmaptool.linux.kernel;

/**
 * The real libc binding for the tests that run on the kernel, generated once per test
 * JVM as {@code LinuxAdapters} does for the application.
 */
public final class RealKernel {

    private RealKernel() {
    }

    public static Kernel get() {
        return Loaded.KERNEL;
    }

    private static final class Loaded {
        static final Kernel KERNEL = Kernel.load();
    }
}
