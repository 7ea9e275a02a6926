package org.bmaptool.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for one test, to run a copy out of space for real; unmounted on
 * close. Tests using it skip, with the reason, where there is no root or mounting fails
 * (a container without the right to mount).
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to pages) on {@code mountPoint}, created if missing. */
    public static Tmpfs mount(Path mountPoint, long bytes) throws IOException, InterruptedException {
        Processes.assumeRoot("mounting a tmpfs");
        Files.createDirectories(mountPoint);
        try {
            Processes.run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", mountPoint.toString());
        } catch (IOException e) {
            Assumptions.abort("cannot mount a tmpfs here: " + e.getMessage());
        }
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Processes.run("umount", mountPoint.toString());
    }
}
