import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * What one start of the linux adapter's native binding costs, jnr-posix's against our own
 * small jnr-ffi binding (the decision record in module-info-docs/README.md): each run
 * loads one binding and makes the calls a create makes first (open, lseek SEEK_DATA and
 * SEEK_HOLE, fstat for the size, close). Run by bench/libc-binding-bench.sh; not part of
 * the build.
 */
public final class LibcBindingBench {

    /** The shape of our binding (bmap-adapter-linux's libc.LibC), reduced to these calls. */
    public interface SmallLibC {
        @SaveError
        int open(String path, int flags);

        @SaveError
        long lseek(int fd, long offset, int whence);

        @SaveError
        int ioctl(int fd, long request, ByteBuffer argument);

        int close(int fd);
    }

    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    public static void main(String[] args) throws Exception {
        String path = args[1];
        long data;
        long hole;
        long size;
        if (args[0].equals("jnr-posix")) {
            jnr.posix.POSIX posix = jnr.posix.POSIXFactory.getNativePOSIX();
            int fd = posix.open(path, 0, 0);
            data = posix.lseekLong(fd, 0, SEEK_DATA);
            hole = posix.lseekLong(fd, data, SEEK_HOLE);
            size = posix.fstat(fd).st_size();
            posix.close(fd);
        } else {
            SmallLibC libc = LibraryLoader.create(SmallLibC.class).load("c");
            int fd = libc.open(path, 0);
            data = libc.lseek(fd, 0, SEEK_DATA);
            hole = libc.lseek(fd, data, SEEK_HOLE);
            size = libc.lseek(fd, 0, 2);
            libc.close(fd);
        }
        System.out.println(args[0] + ": data at " + data + ", hole at " + hole + ", size " + size);
    }
}
