package org.bmaptool.linux.contract;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.bmaptool.linux.LinuxAdapters;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.testkit.LoopDevice;
import org.bmaptool.testkit.contracts.DestinationsContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The Linux destinations keep the port's promises on new regular files and, as root, on a
 * loop device (the tests skip, saying why, elsewhere).
 */
class LinuxDestinationsContractTest {

    /** What {@code path} holds at {@code position}, read directly; fewer bytes at its end. */
    static byte[] read(Path path, long position, int length) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(path)) {
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // until full or at the end
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    @Nested
    class RegularFiles extends DestinationsContract {
        @Override
        protected Destinations newPort() {
            return LinuxAdapters.destinations();
        }

        @Override
        protected Path target() {
            return dir.resolve("copy.img");
        }

        @Override
        protected DestinationKind expectedKind() {
            return DestinationKind.REGULAR_FILE;
        }

        @Override
        protected byte[] contentAt(Path path, long position, int length) throws Exception {
            return read(path, position, length);
        }
    }

    @Nested
    class LoopDevices extends DestinationsContract {
        private static final int DEVICE_SIZE = 4 << 20;
        private LoopDevice loop;

        @Override
        protected Destinations newPort() {
            return LinuxAdapters.destinations();
        }

        @Override
        protected Path target() throws Exception {
            if (loop == null) {
                loop = LoopDevice.create(dir, DEVICE_SIZE, (byte) 0x5A);
            }
            return loop.device();
        }

        @Override
        protected DestinationKind expectedKind() {
            return DestinationKind.BLOCK_DEVICE;
        }

        @Override
        protected byte[] contentAt(Path path, long position, int length) throws Exception {
            return read(path, position, length);
        }

        @Override
        protected DestinationRequest refusedForWhatItIs(Path target) {
            return new DestinationRequest(target, DEVICE_SIZE + 4096L, false);
        }

        @AfterEach
        void detach() throws Exception {
            if (loop != null) {
                loop.close();
            }
        }
    }
}
