package org.bmaptool.linux.kernel;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The one door to native code: the JNR-POSIX binding of libc, loaded once. Nothing
 * outside this package touches JNR.
 */
public final class Kernel {
    /** whence values of lseek(2) for sparse files, from linux/fs.h. */
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    private static final POSIX POSIX_API = POSIXFactory.getNativePOSIX();

    private Kernel() {
    }

    public static POSIX posix() {
        return POSIX_API;
    }
}
