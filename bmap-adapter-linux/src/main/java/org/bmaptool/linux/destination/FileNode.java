package org.bmaptool.linux.destination;

import static org.bmaptool.linux.kernel.Constants.S_IFBLK;
import static org.bmaptool.linux.kernel.Constants.S_IFCHR;
import static org.bmaptool.linux.kernel.Constants.S_IFDIR;
import static org.bmaptool.linux.kernel.Constants.S_IFMT;
import static org.bmaptool.linux.kernel.Constants.S_IFREG;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.bmaptool.ports.PortException;

/**
 * What a path names according to stat(2), symlinks followed: its type and, for a device
 * node, its major:minor device number (the key sysfs, mountinfo and swap entries share).
 * Read through the JDK's {@code unix} attribute view rather than native code, so that
 * copying to a file never pays for loading JNR (the type bits are compile-time
 * constants of {@code kernel.Constants}, inlined: reading them loads nothing).
 */
record FileNode(Type type, int major, int minor) {
    /** The kinds of file a destination path can turn out to be. */
    enum Type {
        MISSING,
        REGULAR_FILE,
        DIRECTORY,
        BLOCK_DEVICE,
        CHARACTER_DEVICE,
        OTHER
    }

    /** Stats {@code path}; a path that does not exist (or runs through a non-directory) is MISSING. */
    static FileNode of(Path path) {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:mode,rdev");
        } catch (NoSuchFileException e) {
            return new FileNode(Type.MISSING, 0, 0);
        } catch (FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                return new FileNode(Type.MISSING, 0, 0);
            }
            throw new PortException("cannot stat '" + path + "': " + e.getReason(), e);
        } catch (IOException e) {
            throw new PortException("cannot stat '" + path + "': " + e.getMessage(), e);
        }
        int format = (Integer) attributes.get("mode") & S_IFMT;
        long rdev = (Long) attributes.get("rdev");
        // glibc's dev_t encoding (sys/sysmacros.h).
        int major = (int) (((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xffL) | ((rdev >>> 12) & ~0xffL));
        switch (format) {
            case S_IFBLK:
                return new FileNode(Type.BLOCK_DEVICE, major, minor);
            case S_IFCHR:
                return new FileNode(Type.CHARACTER_DEVICE, major, minor);
            case S_IFREG:
                return new FileNode(Type.REGULAR_FILE, 0, 0);
            case S_IFDIR:
                return new FileNode(Type.DIRECTORY, 0, 0);
            default:
                return new FileNode(Type.OTHER, 0, 0);
        }
    }

    /** {@code major:minor}, as sysfs and /proc/self/mountinfo write it. */
    String number() {
        return major + ":" + minor;
    }
}
