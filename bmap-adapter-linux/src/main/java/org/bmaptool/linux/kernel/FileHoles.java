package org.bmaptool.linux.kernel;

import static org.bmaptool.linux.kernel.Constants.EINTR;
import static org.bmaptool.linux.kernel.Constants.ENOSYS;
import static org.bmaptool.linux.kernel.Constants.EOPNOTSUPP;
import static org.bmaptool.linux.kernel.Constants.FALLOC_FL_KEEP_SIZE;
import static org.bmaptool.linux.kernel.Constants.FALLOC_FL_PUNCH_HOLE;
import static org.bmaptool.linux.kernel.Constants.O_CLOEXEC;
import static org.bmaptool.linux.kernel.Constants.O_WRONLY;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Punches holes into a regular file: fallocate(2) {@code FALLOC_FL_PUNCH_HOLE |
 * FALLOC_FL_KEEP_SIZE}, through a descriptor of its own (the copy writes the file through
 * a FileChannel, which has no fallocate). The range then reads as zeros and its blocks
 * are freed; the file's size stays.
 */
public final class FileHoles {
    private final Kernel kernel;

    public FileHoles(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Punches the bytes {@code start} to {@code end} (excluded) of {@code path}.
     *
     * @return false when the file system cannot punch holes (the caller writes zeros)
     * @throws IOException whose message is only the cause: the caller names the file
     */
    public boolean punch(Path path, long start, long end) throws IOException {
        int fd = kernel.libc().open(path.toString(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IOException(kernel.lastError());
        }
        try {
            while (kernel.libc().fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, start, end - start) < 0) {
                int errno = kernel.errno();
                if (errno == EOPNOTSUPP || errno == ENOSYS) {
                    return false;
                }
                if (errno != EINTR) {
                    throw new IOException(kernel.strerror(errno));
                }
            }
            return true;
        } finally {
            kernel.libc().close(fd);
        }
    }
}
