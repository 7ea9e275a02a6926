package org.bmaptool.app.create;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a mapped window of the image as soon as it is hashed, so that the mapped pages
 * never pile up until a garbage collection: memory stays flat however big the image.
 * Java 17 has no public unmap; {@code sun.misc.Unsafe.invokeCleaner} (module
 * jdk.unsupported, which the runtime image carries for JNR) is the supported way out.
 * Where it is missing the window is left to the garbage collector.
 */
final class MappedWindow {
    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    private MappedWindow() {
    }

    static void unmap(MappedByteBuffer window) {
        if (INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invokeExact((ByteBuffer) window);
            } catch (Throwable e) {
                // Left to the garbage collector, as without the handle.
            }
        }
    }

    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
