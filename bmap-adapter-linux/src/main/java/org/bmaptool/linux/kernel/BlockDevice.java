package org.bmaptool.linux.kernel;

import static org.bmaptool.linux.kernel.Constants.BLKGETSIZE64;
import static org.bmaptool.linux.kernel.Constants.BLKSSZGET;
import static org.bmaptool.linux.kernel.Constants.BLKZEROOUT;
import static org.bmaptool.linux.kernel.Constants.EINTR;
import static org.bmaptool.linux.kernel.Constants.O_CLOEXEC;
import static org.bmaptool.linux.kernel.Constants.O_EXCL;
import static org.bmaptool.linux.kernel.Constants.O_WRONLY;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.bmaptool.linux.libc.LibC;
import org.bmaptool.ports.PortException;

/**
 * A block device opened {@code O_EXCL} for positioned writes through a raw file
 * descriptor. The kernel refuses the exclusive open while the device is mounted or
 * claimed by swap, LVM, RAID or another exclusive opener, which is the last line of
 * defence behind the mount, swap and holder checks. A raw descriptor rather than a
 * FileChannel because interrupting a thread blocked in a channel closes it, and after
 * Ctrl-C the copy must still sync what it wrote. The calls go through the
 * {@link Kernel} it was opened with.
 */
public final class BlockDevice implements AutoCloseable {
    private final Kernel kernel;
    private final LibC libc;
    private final String name;
    private final int fd;
    /** Calls running on the descriptor now, whether close() was asked, whether fd is closed: guarded by this. */
    private int inFlight;
    private boolean closing;
    private boolean closed;

    private BlockDevice(Kernel kernel, String name, int fd) {
        this.kernel = kernel;
        this.libc = kernel.libc();
        this.name = name;
        this.fd = fd;
    }

    /**
     * Opens {@code path} for writing, exclusively: nobody else may claim it meanwhile.
     *
     * @param name how messages call the device (the path the user gave)
     */
    public static BlockDevice openExclusive(Kernel kernel, Path path, String name) {
        int fd = kernel.libc().open(path.toString(), O_WRONLY | O_EXCL | O_CLOEXEC);
        if (fd < 0) {
            throw new PortException("cannot open block device '" + name + "' in exclusive mode: "
                    + kernel.lastError());
        }
        return new BlockDevice(kernel, name, fd);
    }

    /** The size of the device in bytes (ioctl BLKGETSIZE64). */
    public long size() {
        ByteBuffer size = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder());
        int descriptor;
        try {
            descriptor = acquire();
        } catch (IOException e) {
            throw new PortException(e.getMessage(), e);
        }
        try {
            if (libc.ioctl(descriptor, BLKGETSIZE64, size) < 0) {
                throw new PortException("cannot get the size of block device '" + name + "': "
                        + kernel.lastError());
            }
            return size.getLong(0);
        } finally {
            release();
        }
    }

    /**
     * Writes all remaining bytes of {@code data} at {@code position}, advancing the
     * buffer's position past them.
     *
     * @throws IOException whose message is only the cause: the caller names the device
     */
    public void write(ByteBuffer data, long position) throws IOException {
        int descriptor = acquire();
        try {
            long at = position;
            while (data.hasRemaining()) {
                long written = libc.pwrite(descriptor, data, data.remaining(), at);
                if (written < 0) {
                    if (kernel.errno() == EINTR) {
                        continue;
                    }
                    // Only the cause: the copy's message names the device and the blocks.
                    throw new IOException(kernel.lastError());
                }
                if (written == 0) {
                    throw new IOException("no space left on device (the write at byte " + at + " wrote nothing)");
                }
                data.position(data.position() + (int) written);
                at += written;
            }
        } finally {
            release();
        }
    }

    /**
     * Zeroes the bytes {@code start} to {@code end} (excluded) with ioctl BLKZEROOUT: the
     * kernel uses the device's write-zeroes or zeroing discard where it has them, else
     * writes zeros itself, and drops the range from the page cache. The ioctl takes whole
     * logical sectors (BLKSSZGET); an unaligned head or tail (an image ending inside a
     * sector) is written as zeros.
     *
     * @throws IOException whose message is only the cause: the caller names the device
     */
    public void zeroOut(long start, long end) throws IOException {
        long sector = sectorSize();
        long alignedStart = Math.min(end, (start + sector - 1) / sector * sector);
        long alignedEnd = Math.max(alignedStart, end / sector * sector);
        writeZeros(start, alignedStart);
        if (alignedEnd > alignedStart) {
            ByteBuffer range = ByteBuffer.allocateDirect(2 * Long.BYTES).order(ByteOrder.nativeOrder());
            range.putLong(0, alignedStart).putLong(Long.BYTES, alignedEnd - alignedStart);
            int descriptor = acquire();
            try {
                while (libc.ioctl(descriptor, BLKZEROOUT, range) < 0) {
                    if (kernel.errno() != EINTR) {
                        throw new IOException(kernel.lastError());
                    }
                }
            } finally {
                release();
            }
        }
        writeZeros(alignedEnd, end);
    }

    private void writeZeros(long from, long to) throws IOException {
        if (to > from) {
            write(ByteBuffer.allocateDirect((int) (to - from)), from);
        }
    }

    /** The logical sector size (BLKSSZGET), the unit BLKZEROOUT takes. */
    private long sectorSize() throws IOException {
        ByteBuffer answer = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        int descriptor = acquire();
        try {
            if (libc.ioctl(descriptor, BLKSSZGET, answer) < 0) {
                throw new IOException("cannot get the sector size: " + kernel.lastError());
            }
        } finally {
            release();
        }
        int size = answer.getInt(0);
        return size > 0 ? size : 512;
    }

    /**
     * fdatasync(2): what was written, to the medium (a device has no other metadata to sync).
     *
     * @throws IOException whose message is only the cause: the caller names the device
     */
    public void fdatasync() throws IOException {
        int descriptor = acquire();
        try {
            if (libc.fdatasync(descriptor) < 0) {
                throw new IOException(kernel.lastError());
            }
        } finally {
            release();
        }
    }

    /**
     * Closes the descriptor without waiting: when a write or sync is still running in
     * another thread (close() called from a shutdown hook), the descriptor is closed as
     * soon as that call returns; closing it under the call would let the kernel give its
     * number to another file, which the call would then write to. Later calls do nothing.
     */
    @Override
    public synchronized void close() {
        closing = true;
        closeWhenIdle();
    }

    /** The descriptor for one call, to be followed by {@link #release()} once it returned. */
    private synchronized int acquire() throws IOException {
        if (closing) {
            throw new IOException("block device '" + name + "' is closed");
        }
        inFlight++;
        return fd;
    }

    private synchronized void release() {
        inFlight--;
        closeWhenIdle();
    }

    private void closeWhenIdle() {
        if (closing && inFlight == 0 && !closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
