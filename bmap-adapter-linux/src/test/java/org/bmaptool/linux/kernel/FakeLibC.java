package org.bmaptool.linux.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bmaptool.linux.libc.LibC;

/**
 * An in-memory libc for the kernel classes' logic: files the test describes by size and
 * data extents, answering lseek SEEK_DATA/SEEK_HOLE, FIEMAP, FIGETBSZ and BLKGETSIZE64
 * as Linux does; pwrite stores what it is given. Failures are scripted per call, and
 * every call is recorded. The struct offsets here are read from linux/fiemap.h anew, not
 * taken from the code under test, so that a wrong layout there fails the tests.
 */
public final class FakeLibC implements LibC {
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    private static final Map<Integer, String> MESSAGES = Map.of(ENOENT, "No such file or directory",
            Constants.EINTR, "Interrupted system call", EIO, "Input/output error",
            Constants.ENXIO, "No such device or address", EACCES, "Permission denied",
            EBUSY, "Device or resource busy", EINVAL, "Invalid argument", Constants.ENOTTY, "Inappropriate ioctl for device",
            Constants.ENOSYS, "Function not implemented", Constants.EOPNOTSUPP, "Operation not supported");

    /** A file as the fake kernel knows it. */
    public static final class File {
        final long size;
        final long[] extents;
        /** FIGETBSZ's answer; 0 refuses the ioctl. */
        public int blockSize = 4096;
        /** The errno FIEMAP fails with on this file; 0 when it works. */
        public int fiemapErrno;
        /** BLKSSZGET's answer: the logical sector size BLKZEROOUT takes. */
        public int sectorSize = 512;
        /** SEEK_HOLE as the generic stub has it: the whole file is data. */
        public boolean seekHoleStub;
        final byte[] content;

        File(long size, long[] extents) {
            this.size = size;
            this.extents = extents.clone();
            this.content = size <= 1 << 20 ? new byte[(int) size] : null;
        }

        /** Bytes written at {@code offset}, as pwrite left them. */
        public byte[] content(int offset, int length) {
            byte[] bytes = new byte[length];
            System.arraycopy(content, offset, bytes, 0, length);
            return bytes;
        }
    }

    /** What the next pwrite calls do: accept at most this many bytes, or fail with -errno. */
    public final Deque<Long> pwriteScript = new ArrayDeque<>();
    /** Called inside every pwrite, before it writes: lets a test hold a write in flight. */
    public Runnable duringPwrite = () -> { };
    /** Files the test did not describe answer SEEK_HOLE as the generic stub does. */
    public boolean stubSeekHoleForUndescribedFiles;
    /** posix_fadvise's return value (an error number, not errno). */
    public int fadviseResult;

    private final List<String> calls = new ArrayList<>();
    private final Map<String, File> files = new HashMap<>();
    private final Map<Integer, File> open = new HashMap<>();
    private final Map<String, Deque<Integer>> failures = new HashMap<>();
    private final ThreadLocal<Integer> errno = ThreadLocal.withInitial(() -> 0);
    private int nextFd = 3;

    /** A Kernel over this fake, errno read per thread as jnr-ffi does. */
    public Kernel kernel() {
        return new Kernel(this, errno::get);
    }

    /** Describes {@code path}: {@code size} bytes with data in the (start, length) pairs given. */
    public File file(Object path, long size, long... extents) {
        File file = new File(size, extents);
        files.put(path.toString(), file);
        return file;
    }

    /** Makes the next call of {@code call} fail with {@code error}. */
    public void failNext(String call, int error) {
        failures.computeIfAbsent(call, c -> new ArrayDeque<>()).add(error);
    }

    /** Every call so far, as {@code name(arguments)}. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public int open(String path, int flags) {
        record("open(" + path + ", 0x" + Integer.toHexString(flags) + ")");
        if (failing("open")) {
            return -1;
        }
        File file = files.get(path);
        if (file == null && Files.isRegularFile(Path.of(path))) {
            // A file the test did not describe (such as the SEEK_HOLE probe) is all hole.
            file = new File(size(Path.of(path)), new long[0]);
            file.seekHoleStub = stubSeekHoleForUndescribedFiles;
        }
        if (file == null) {
            errno.set(ENOENT);
            return -1;
        }
        synchronized (this) {
            open.put(nextFd, file);
            return nextFd++;
        }
    }

    @Override
    public int close(int fd) {
        record("close(" + fd + ")");
        return 0;
    }

    @Override
    public int fsync(int fd) {
        record("fsync(" + fd + ")");
        return failing("fsync") ? -1 : 0;
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        record("lseek(" + fd + ", " + offset + ", " + whence + ")");
        if (failing("lseek")) {
            return -1;
        }
        File file = file(fd);
        if (whence == Constants.SEEK_END) {
            return file.size + offset;
        }
        if (offset >= file.size) {
            errno.set(Constants.ENXIO);
            return -1;
        }
        if (whence == Constants.SEEK_DATA) {
            if (file.seekHoleStub) {
                return offset;
            }
            for (int i = 0; i < file.extents.length; i += 2) {
                if (file.extents[i] + file.extents[i + 1] > offset) {
                    return Math.max(file.extents[i], offset);
                }
            }
            errno.set(Constants.ENXIO);
            return -1;
        }
        if (whence == Constants.SEEK_HOLE) {
            long hole = offset;
            for (int i = 0; i < file.extents.length && !file.seekHoleStub; i += 2) {
                if (file.extents[i] <= hole && hole < file.extents[i] + file.extents[i + 1]) {
                    hole = file.extents[i] + file.extents[i + 1];
                }
            }
            return file.seekHoleStub ? file.size : Math.min(hole, file.size);
        }
        throw new AssertionError("whence " + whence);
    }

    @Override
    public int ioctl(int fd, long request, ByteBuffer argument) {
        record("ioctl(" + fd + ", 0x" + Long.toHexString(request) + ")");
        if (failing("ioctl")) {
            return -1;
        }
        File file = file(fd);
        if (request == 0xC020660BL) {
            return fiemap(file, argument.order(ByteOrder.nativeOrder()));
        } else if (request == 2 && file.blockSize > 0) {
            argument.order(ByteOrder.nativeOrder()).putInt(0, file.blockSize);
            return 0;
        } else if (request == 0x80081272L) {
            argument.order(ByteOrder.nativeOrder()).putLong(0, file.size);
            return 0;
        } else if (request == 0x1261) {
            return 0;
        } else if (request == 0x1268) {
            argument.order(ByteOrder.nativeOrder()).putInt(0, file.sectorSize);
            return 0;
        } else if (request == 0x127F) {
            // BLKZEROOUT: uint64_t start, length, both in whole logical sectors.
            long start = argument.order(ByteOrder.nativeOrder()).getLong(0);
            long length = argument.getLong(8);
            record("zeroout(" + start + ", " + length + ")");
            if (start % file.sectorSize != 0 || length % file.sectorSize != 0 || start + length > file.size) {
                errno.set(EINVAL);
                return -1;
            }
            java.util.Arrays.fill(file.content, (int) start, (int) (start + length), (byte) 0);
            return 0;
        }
        errno.set(Constants.ENOTTY);
        return -1;
    }

    // struct fiemap: fm_start 0, fm_length 8, fm_flags 16, fm_mapped_extents 20,
    // fm_extent_count 24, extents from 32, 56 bytes each: fe_logical 0, fe_length 16, fe_flags 40.
    private int fiemap(File file, ByteBuffer fiemap) {
        if (file.fiemapErrno != 0) {
            errno.set(file.fiemapErrno);
            return -1;
        }
        long start = fiemap.getLong(0);
        long end = start + fiemap.getLong(8);
        int room = fiemap.getInt(24);
        record("fiemap(" + start + ", " + fiemap.getLong(8) + ", flags " + fiemap.getInt(16) + ", room " + room + ")");
        int mapped = 0;
        for (int i = 0; i < file.extents.length && mapped < room; i += 2) {
            long logical = file.extents[i];
            long length = file.extents[i + 1];
            if (logical < end && logical + length > start) {
                int at = 32 + mapped * 56;
                fiemap.putLong(at, logical);
                fiemap.putLong(at + 16, length);
                fiemap.putInt(at + 40, i + 2 == file.extents.length ? 1 : 0);
                mapped++;
            }
        }
        fiemap.putInt(20, mapped);
        return 0;
    }

    @Override
    public long pwrite(int fd, ByteBuffer data, long count, long offset) {
        record("pwrite(" + fd + ", " + count + ", " + offset + ")");
        duringPwrite.run();
        Long script = pwriteScript.poll();
        if (script != null && script < 0) {
            errno.set((int) -script);
            return -1;
        }
        long written = script == null ? count : Math.min(script, count);
        File file = file(fd);
        for (int i = 0; i < written; i++) {
            file.content[(int) offset + i] = data.get(data.position() + i);
        }
        return written;
    }

    @Override
    public int fdatasync(int fd) {
        record("fdatasync(" + fd + ")");
        return failing("fdatasync") ? -1 : 0;
    }

    /** Punches (zeroes) the range as PUNCH_HOLE | KEEP_SIZE does; any other mode is refused. */
    @Override
    public int fallocate(int fd, int mode, long offset, long length) {
        record("fallocate(" + fd + ", " + mode + ", " + offset + ", " + length + ")");
        if (failing("fallocate")) {
            return -1;
        }
        if (mode != 3) {
            errno.set(Constants.EOPNOTSUPP);
            return -1;
        }
        File file = file(fd);
        java.util.Arrays.fill(file.content, (int) offset, (int) Math.min(file.size, offset + length), (byte) 0);
        return 0;
    }

    @Override
    public int posix_fadvise(int fd, long offset, long length, int advice) {
        record("posix_fadvise(" + fd + ", " + offset + ", " + length + ", " + advice + ")");
        return fadviseResult;
    }

    @Override
    public String strerror(int error) {
        return MESSAGES.getOrDefault(error, "Unknown error " + error);
    }

    private synchronized void record(String call) {
        calls.add(call);
    }

    private synchronized File file(int fd) {
        File file = open.get(fd);
        if (file == null) {
            throw new AssertionError("fd " + fd + " is not open");
        }
        return file;
    }

    private boolean failing(String call) {
        Integer error;
        synchronized (this) {
            Deque<Integer> queue = failures.get(call);
            error = queue == null ? null : queue.poll();
        }
        if (error == null) {
            return false;
        }
        errno.set(error);
        return true;
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
