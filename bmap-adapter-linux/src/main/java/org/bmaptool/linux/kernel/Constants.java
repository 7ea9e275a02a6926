package org.bmaptool.linux.kernel;

/**
 * Every number of the Linux ABI the adapter uses, in one place: stat(2) file types, open
 * flags, lseek whences, errno values, ioctl requests and FIEMAP flags. Literals from the
 * kernel's and glibc's headers rather than jnr-constants, so that reading them (a
 * {@code stat} of a destination, say) loads no native code; they are the same on the
 * architectures the launcher ships for (x86-64, aarch64; the ioctl numbers also riscv64).
 * All are compile-time constants, inlined where they are read.
 */
public final class Constants {
    // sys/stat.h: the file type bits of st_mode, and the types.
    public static final int S_IFMT = 0170000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFDIR = 0040000;

    // asm-generic/fcntl.h (x86 has the same values).
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_EXCL = 0200;
    public static final int O_CLOEXEC = 02000000;

    // unistd.h / linux/fs.h.
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    // asm-generic/errno-base.h and errno.h, the same on every Linux architecture this runs on.
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int ENOTTY = 25;
    public static final int ENOSYS = 38;
    public static final int EOPNOTSUPP = 95;

    /** {@code _IOR(0x12, 114, size_t)} from linux/fs.h: a block device's size in bytes. */
    public static final long BLKGETSIZE64 = 0x80081272L;
    /** {@code _IO(0x12, 127)} from linux/fs.h: zero a byte range of a block device ({@code uint64_t[2]}: start, length). */
    public static final long BLKZEROOUT = 0x127F;
    /** {@code _IO(0x12, 104)} from linux/fs.h: a block device's logical sector size, as an int. */
    public static final long BLKSSZGET = 0x1268;
    /** {@code _IO(0x12, 97)} from linux/fs.h: flush a block device's buffer cache. */
    public static final long BLKFLSBUF = 0x1261;
    /** {@code _IOWR('f', 11, struct fiemap)} from linux/fs.h. */
    public static final long FS_IOC_FIEMAP = 0xC020660BL;
    /** {@code _IO(0x00, 2)} from linux/fs.h: the filesystem block size of a file, as an int. */
    public static final long FIGETBSZ = 2;

    /** linux/fiemap.h: sync the file before mapping it, so that delayed allocation is settled. */
    public static final int FIEMAP_FLAG_SYNC = 0x1;
    /** linux/fiemap.h: the extent flag that marks the file's last extent. */
    public static final int FIEMAP_EXTENT_LAST = 0x1;

    /** linux/falloc.h: deallocate the range (a hole), without changing the file's size. */
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;

    /** linux/fadvise.h: the pages of the range are not needed again. */
    public static final int POSIX_FADV_DONTNEED = 4;

    private Constants() {
    }
}
