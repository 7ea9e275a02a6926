package org.bmaptool.linux.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.bmaptool.ports.PortException;

/**
 * The FIEMAP ioctl on one open file: asks the filesystem which byte ranges of the file
 * are mapped, a batch of extents at a time, into one reused native buffer. Also the
 * FIGETBSZ ioctl for the filesystem's block size.
 *
 * <p>The C layouts, from {@code linux/fiemap.h} (all fields native-endian, no padding):
 * <pre>
 * struct fiemap {                     offset
 *     __u64 fm_start;                  0  logical byte offset to start mapping at (in)
 *     __u64 fm_length;                 8  logical length of the mapping asked for (in)
 *     __u32 fm_flags;                 16  FIEMAP_FLAG_* (in/out)
 *     __u32 fm_mapped_extents;        20  number of extents filled in (out)
 *     __u32 fm_extent_count;          24  room in fm_extents[] (in)
 *     __u32 fm_reserved;              28
 *     struct fiemap_extent fm_extents[];  32
 * };
 * struct fiemap_extent {              offset (56 bytes each)
 *     __u64 fe_logical;                0  byte offset of the extent in the file
 *     __u64 fe_physical;               8  byte offset of the extent on the disk
 *     __u64 fe_length;                16  length of the extent in bytes
 *     __u64 fe_reserved64[2];         24
 *     __u32 fe_flags;                 40  FIEMAP_EXTENT_*
 *     __u32 fe_reserved[3];           44
 * };
 * </pre>
 */
public final class Fiemap {
    /** {@code _IOWR('f', 11, struct fiemap)} from linux/fs.h. */
    static final long FS_IOC_FIEMAP = 0xC020660BL;
    /** {@code _IO(0x00, 2)} from linux/fs.h: the filesystem block size of a file, as an int. */
    static final long FIGETBSZ = 2;
    /** Sync the file before mapping it, so that delayed allocation is settled. */
    static final int FIEMAP_FLAG_SYNC = 0x1;
    /** The extent flag that marks the file's last extent. */
    static final int FIEMAP_EXTENT_LAST = 0x1;

    // asm-generic/errno*.h, the same on every Linux architecture this runs on.
    private static final int ENOTTY = 25;
    private static final int ENOSYS = 38;
    private static final int EOPNOTSUPP = 95;

    static final int FIEMAP_SIZE = 32;
    static final int EXTENT_SIZE = 56;
    private static final int FM_START = 0;
    private static final int FM_LENGTH = 8;
    private static final int FM_FLAGS = 16;
    private static final int FM_MAPPED_EXTENTS = 20;
    private static final int FM_EXTENT_COUNT = 24;
    private static final int FE_LOGICAL = 0;
    private static final int FE_LENGTH = 16;
    private static final int FE_FLAGS = 40;

    /** Extents per call: a 256 KiB buffer, as upstream bmaptool uses. */
    public static final int DEFAULT_CAPACITY = (256 * 1024 - FIEMAP_SIZE) / EXTENT_SIZE;

    private final int fd;
    private final Path path;
    private final int capacity;
    private final ByteBuffer buffer;

    Fiemap(int fd, Path path, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.fd = fd;
        this.path = path;
        this.capacity = capacity;
        this.buffer = ByteBuffer.allocateDirect(FIEMAP_SIZE + capacity * EXTENT_SIZE).order(ByteOrder.nativeOrder());
    }

    /**
     * The filesystem block size of the open file {@code fd} by FIGETBSZ, or
     * {@code fallback} (st_blksize) where the ioctl is refused or answers zero.
     */
    static int blockSize(int fd, int fallback) {
        ByteBuffer answer = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        if (LibC.Loaded.LIBC.ioctl(fd, FIGETBSZ, answer) == 0 && answer.getInt(0) > 0) {
            return answer.getInt(0);
        }
        return fallback;
    }

    /**
     * Null when FIEMAP works on this file, else why it does not (the kernel or the
     * filesystem does not implement it); other failures throw.
     */
    public String unsupportedReason() {
        int errno = call(0, 1);
        if (errno == EOPNOTSUPP) {
            return "the FIEMAP ioctl is not supported by the file system";
        }
        if (errno == ENOTTY || errno == ENOSYS) {
            return "the FIEMAP ioctl is not supported by the kernel";
        }
        failIf(errno);
        return null;
    }

    /**
     * Maps {@code length} bytes from {@code start} (syncing the file first): at most
     * {@link #capacity()} extents, readable with the accessors until the next call.
     *
     * @return the number of extents filled in; zero when there is no data in the range
     */
    public int map(long start, long length) {
        failIf(call(start, length));
        return buffer.getInt(FM_MAPPED_EXTENTS);
    }

    /** Room for extents in one call. */
    public int capacity() {
        return capacity;
    }

    /** {@code fe_logical} of extent {@code i} of the last call. */
    public long logical(int i) {
        return buffer.getLong(extent(i) + FE_LOGICAL);
    }

    /** {@code fe_length} of extent {@code i} of the last call. */
    public long length(int i) {
        return buffer.getLong(extent(i) + FE_LENGTH);
    }

    /** True when extent {@code i} of the last call is the file's last one. */
    public boolean isLast(int i) {
        return (buffer.getInt(extent(i) + FE_FLAGS) & FIEMAP_EXTENT_LAST) != 0;
    }

    private static int extent(int i) {
        return FIEMAP_SIZE + i * EXTENT_SIZE;
    }

    private int call(long start, long length) {
        buffer.putLong(FM_START, start);
        buffer.putLong(FM_LENGTH, length);
        buffer.putInt(FM_FLAGS, FIEMAP_FLAG_SYNC);
        buffer.putInt(FM_MAPPED_EXTENTS, 0);
        buffer.putInt(FM_EXTENT_COUNT, capacity);
        buffer.putInt(FM_EXTENT_COUNT + 4, 0);
        return LibC.Loaded.LIBC.ioctl(fd, FS_IOC_FIEMAP, buffer) == 0 ? 0 : LibC.Loaded.RUNTIME.getLastError();
    }

    private void failIf(int errno) {
        if (errno != 0) {
            throw new PortException("the FIEMAP ioctl failed for '" + path + "': "
                    + LibC.Loaded.LIBC.strerror(errno));
        }
    }
}
