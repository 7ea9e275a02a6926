package org.bmaptool.linux.kernel;

import java.nio.file.Path;
import jnr.constants.platform.Errno;
import jnr.posix.FileStat;
import jnr.posix.POSIX;
import org.bmaptool.ports.PortException;

/**
 * What a path names according to stat(2), symlinks followed: its type and, for a device
 * node, its major:minor device number (the key sysfs, mountinfo and swap entries share).
 */
public record FileNode(Type type, int major, int minor) {

    /** The kinds of file a destination path can turn out to be. */
    public enum Type {
        MISSING,
        REGULAR_FILE,
        DIRECTORY,
        BLOCK_DEVICE,
        CHARACTER_DEVICE,
        OTHER
    }

    /** Stats {@code path}; a path that does not exist (or runs through a non-directory) is MISSING. */
    public static FileNode of(Path path) {
        POSIX posix = Kernel.posix();
        FileStat stat = posix.allocateStat();
        if (posix.stat(path.toString(), stat) < 0) {
            int errno = posix.errno();
            if (errno == Errno.ENOENT.intValue() || errno == Errno.ENOTDIR.intValue()) {
                return new FileNode(Type.MISSING, 0, 0);
            }
            throw new PortException("cannot stat '" + path + "': " + posix.strerror(errno));
        }
        long rdev = stat.rdev();
        // glibc's dev_t encoding (sys/sysmacros.h); jnr-posix's own major()/minor() get it wrong.
        int major = (int) (((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xffL) | ((rdev >>> 12) & ~0xffL));
        Type type;
        if (stat.isBlockDev()) {
            type = Type.BLOCK_DEVICE;
        } else if (stat.isCharDev()) {
            type = Type.CHARACTER_DEVICE;
        } else if (stat.isFile()) {
            type = Type.REGULAR_FILE;
        } else if (stat.isDirectory()) {
            type = Type.DIRECTORY;
        } else {
            type = Type.OTHER;
        }
        boolean device = type == Type.BLOCK_DEVICE || type == Type.CHARACTER_DEVICE;
        return new FileNode(type, device ? major : 0, device ? minor : 0);
    }

    /** {@code major:minor}, as sysfs and /proc/self/mountinfo write it. */
    public String number() {
        return major + ":" + minor;
    }
}
