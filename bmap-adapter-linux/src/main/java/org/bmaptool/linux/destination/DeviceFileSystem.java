package org.bmaptool.linux.destination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a destination file is, or would be created, on the device file system
 * mounted at {@code /dev} (devtmpfs), where a regular file can only be a mistyped device
 * node such as {@code /dev/sdx} for an unplugged stick (upstream issue #55). Other file
 * systems mounted under {@code /dev}, such as the tmpfs at {@code /dev/shm} where people
 * stage images, hold regular files like any folder.
 *
 * <p>The decision compares stat's {@code st_dev} of the folder, symlinks resolved, with
 * that of {@code /dev}: the JDK reads it ({@code unix:dev}) without native code and it is
 * the kernel's own answer, where matching a path against /proc/self/mountinfo would have
 * to redo path resolution, bind mounts and mounts stacked on one point. The folder must
 * also lie under {@code /dev} once resolved, because where {@code /dev} is a plain folder
 * of the root file system (a bare chroot) every folder there would share its number.
 */
final class DeviceFileSystem {
    /** Symlink hops followed before giving up, as the kernel's limit (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    /** stat's {@code st_dev} of a path, symlinks followed. */
    interface DeviceIds {
        Object of(Path path) throws IOException;
    }

    private final Path dev;
    private final DeviceIds ids;

    DeviceFileSystem(Path dev, DeviceIds ids) {
        this.dev = dev;
        this.ids = ids;
    }

    /** The system's {@code /dev}, device numbers from the JDK's {@code unix} attribute view. */
    static DeviceFileSystem system() {
        return new DeviceFileSystem(Path.of("/dev"), path -> Files.getAttribute(path, "unix:dev"));
    }

    /**
     * Whether the folder a new file {@code path} would be created in (through a dangling
     * symlink, its target's folder) is on /dev's file system.
     */
    boolean wouldCreateOn(Path path) {
        Path created = path.toAbsolutePath();
        try {
            // Creating through a dangling symlink creates its target.
            for (int hops = 0; Files.isSymbolicLink(created) && hops < MAX_LINKS; hops++) {
                created = created.resolveSibling(Files.readSymbolicLink(created));
            }
            // The nearest folder that exists decides: /dev/typo/sdx is as wrong as /dev/sdx.
            Path folder = created.getParent();
            while (folder != null && !Files.isDirectory(folder)) {
                folder = folder.getParent();
            }
            return folder != null && onDevice(folder.toRealPath());
        } catch (IOException e) {
            // A folder that cannot be examined: the textual rule of old, which errs on the side of refusing.
            return underDevByName(created);
        }
    }

    /** Whether the existing file {@code path} (symlinks resolved) is on /dev's file system. */
    boolean holds(Path path) {
        try {
            return onDevice(path.toRealPath());
        } catch (IOException e) {
            return underDevByName(path);
        }
    }

    private boolean onDevice(Path real) throws IOException {
        Path realDev = dev.toRealPath();
        return real.startsWith(realDev) && ids.of(real).equals(ids.of(realDev));
    }

    private boolean underDevByName(Path path) {
        return path.toAbsolutePath().normalize().startsWith(dev);
    }
}
