package org.bmaptool.linux.contract;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bmaptool.linux.LinuxAdapters;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.contracts.UncachedReaderContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The Linux read-back keeps the port's promises on files and, as root, on a loop device. */
class LinuxUncachedReaderContractTest {

    /** Writes {@code content} at the start of {@code path}, through the page cache, without syncing. */
    static void writeUnsynced(Path path, byte[] content) throws Exception {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            channel.write(ByteBuffer.wrap(content), 0);
        }
    }

    @Nested
    class Files extends UncachedReaderContract {
        @Override
        protected UncachedReader newPort() {
            return LinuxAdapters.uncachedReader();
        }

        @Override
        protected Path written(byte[] content) throws Exception {
            Path file = dir.resolve("medium-" + content.length + ".img");
            writeUnsynced(file, content);
            return file;
        }
    }

    @Nested
    class LoopDevices extends UncachedReaderContract {
        private LoopDevice loop;

        @Override
        protected UncachedReader newPort() {
            return LinuxAdapters.uncachedReader();
        }

        @Override
        protected Path written(byte[] content) throws Exception {
            loop = LoopDevice.create(dir, 1 << 20, (byte) 0);
            writeUnsynced(loop.device(), content);
            return loop.device();
        }

        @Override
        protected boolean endsWithTheContent() {
            return false;
        }

        @AfterEach
        void detach() throws Exception {
            if (loop != null) {
                loop.close();
            }
        }
    }
}
