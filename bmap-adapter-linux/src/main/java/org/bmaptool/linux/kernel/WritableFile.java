package org.bmaptool.linux.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.LongLongByReference;
import jnr.posix.POSIX;
import org.bmaptool.ports.PortException;

/**
 * A file or device opened for positioned writes through a raw file descriptor. Not a
 * FileChannel on purpose: interrupting a thread blocked in a channel closes the channel,
 * and after Ctrl-C the copy must still sync what it wrote and restore the device. Block
 * devices are opened {@code O_EXCL}, which the kernel refuses while the device is
 * mounted or claimed by swap, LVM, RAID or another exclusive opener.
 */
public final class WritableFile implements AutoCloseable {
    /** _IOR(0x12, 114, size_t) from linux/fs.h: the device size in bytes. */
    static final long BLKGETSIZE64 = 0x80081272L;
    private static final int CREATE_MODE = 0666;

    /** The libc call jnr-posix does not offer with a 64-bit out argument. */
    public interface LibC {
        int ioctl(int fd, long request, @Out LongLongByReference result);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }

    private final POSIX posix;
    private final String name;
    private final int fd;
    /** Calls running on the descriptor now, and whether close() was asked: guarded by this. */
    private int inFlight;
    private boolean closing;

    private WritableFile(POSIX posix, String name, int fd) {
        this.posix = posix;
        this.name = name;
        this.fd = fd;
    }

    /**
     * Opens a regular file for writing, creating it when missing (mode 0666 less the
     * umask); {@code name} is how messages call it.
     */
    public static WritableFile createOrOpen(Path path, String name) {
        return open(path, name, OpenFlags.O_WRONLY.intValue() | OpenFlags.O_CREAT.intValue(),
                "cannot open destination file '" + name + "': ");
    }

    /** Opens a character device for writing. */
    public static WritableFile openCharacterDevice(Path path, String name) {
        return open(path, name, OpenFlags.O_WRONLY.intValue(), "cannot open character device '" + name + "': ");
    }

    /** Opens a block device for writing, exclusively: nobody else may hold it meanwhile. */
    public static WritableFile openBlockDeviceExclusive(Path path, String name) {
        return open(path, name, OpenFlags.O_WRONLY.intValue() | OpenFlags.O_EXCL.intValue(),
                "cannot open block device '" + name + "' in exclusive mode: ");
    }

    private static WritableFile open(Path path, String name, int flags, String failure) {
        POSIX posix = Kernel.posix();
        int fd = posix.open(path.toString(), flags | OpenFlags.O_CLOEXEC.intValue(), CREATE_MODE);
        if (fd < 0) {
            throw new PortException(failure + posix.strerror(posix.errno()));
        }
        return new WritableFile(posix, name, fd);
    }

    /** The size of the block device in bytes (ioctl BLKGETSIZE64). */
    public long blockDeviceSize() {
        LongLongByReference size = new LongLongByReference();
        int result = Holder.LIBC.ioctl(acquireOrFail(), BLKGETSIZE64, size);
        int errno = posix.errno();
        release();
        if (result < 0) {
            throw new PortException("cannot get the size of block device '" + name + "': " + posix.strerror(errno));
        }
        return size.longValue();
    }

    /** Sets the file's length: 0 drops old data, then the image size leaves one hole. */
    public void truncate(long length) {
        int result = posix.ftruncate(acquireOrFail(), length);
        int errno = posix.errno();
        release();
        if (result < 0) {
            throw new PortException("cannot set the size of '" + name + "' to " + length + " bytes: "
                    + posix.strerror(errno));
        }
    }

    /**
     * Writes all remaining bytes of {@code data} at {@code position}, advancing the
     * buffer's position past them.
     */
    public void write(ByteBuffer data, long position) throws IOException {
        int descriptor = acquire();
        try {
            long at = position;
            while (data.hasRemaining()) {
                long written = posix.pwrite(descriptor, data, data.remaining(), at);
                if (written < 0) {
                    int errno = posix.errno();
                    if (errno == Errno.EINTR.intValue()) {
                        continue;
                    }
                    throw new IOException("cannot write to '" + name + "' at byte " + at + ": "
                            + posix.strerror(errno));
                }
                if (written == 0) {
                    throw new IOException("cannot write to '" + name + "' at byte " + at + ": no space left");
                }
                data.position(data.position() + (int) written);
                at += written;
            }
        } finally {
            release();
        }
    }

    /** fsync(2): data and metadata to the medium. */
    public void fsync() throws IOException {
        int result = posix.fsync(acquire());
        int errno = posix.errno();
        release();
        if (result < 0) {
            throw new IOException("cannot synchronize '" + name + "': " + posix.strerror(errno));
        }
    }

    /** fdatasync(2): data, and the metadata needed to read it back, to the medium. */
    public void fdatasync() throws IOException {
        int result = posix.fdatasync(acquire());
        int errno = posix.errno();
        release();
        if (result < 0) {
            throw new IOException("cannot synchronize '" + name + "': " + posix.strerror(errno));
        }
    }

    /**
     * Closes the descriptor without waiting: when a write or sync is still running in
     * another thread, the descriptor is closed as soon as that call returns (closing it
     * under the call would let the kernel reuse its number for another file, which the
     * call would then write to). Later calls do nothing.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (inFlight == 0) {
            posix.close(fd);
        }
    }

    /** The descriptor for one call, which must be followed by {@link #release()}. */
    private synchronized int acquire() throws IOException {
        if (closing) {
            throw new IOException("'" + name + "' is closed");
        }
        inFlight++;
        return fd;
    }

    private int acquireOrFail() {
        try {
            return acquire();
        } catch (IOException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    private synchronized void release() {
        inFlight--;
        if (closing && inFlight == 0) {
            posix.close(fd);
        }
    }
}
