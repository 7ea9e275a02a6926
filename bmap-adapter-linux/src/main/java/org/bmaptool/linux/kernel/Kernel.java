package org.bmaptool.linux.kernel;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The one door to native code: the JNR-POSIX binding of libc, loaded once. Nothing
 * outside this package touches JNR.
 */
public final class Kernel {
    private static final POSIX POSIX_API = POSIXFactory.getNativePOSIX();

    private Kernel() {
    }

    public static POSIX posix() {
        return POSIX_API;
    }
}
