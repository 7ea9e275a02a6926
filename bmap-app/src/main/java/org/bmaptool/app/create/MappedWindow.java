package org.bmaptool.app.create;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a mapped window of the image as soon as it is hashed, so that the mapped pages
 * never pile up until a garbage collection: memory stays flat however big the image.
 * Java 17 has no public unmap; {@code sun.misc.Unsafe.invokeCleaner} (module
 * jdk.unsupported, which the runtime image carries for JNR) is the supported way out.
 * It is reached by core reflection, which needs no readability edge to jdk.unsupported
 * (a method-handle lookup from this module would be refused). Where it is missing,
 * {@link RangeChecksums} reads instead of mapping.
 */
final class MappedWindow {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method invokeCleaner = null;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            invokeCleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invokeCleaner;
    }

    private MappedWindow() {
    }

    /** Whether windows can be unmapped at once; without it, mapping would pile up pages. */
    static boolean unmappable() {
        return INVOKE_CLEANER != null;
    }

    /** Unmaps {@code window} now; false when it is left to the garbage collector. */
    static boolean unmap(MappedByteBuffer window) {
        if (INVOKE_CLEANER == null) {
            return false;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, window);
            return true;
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return false;
        }
    }
}
