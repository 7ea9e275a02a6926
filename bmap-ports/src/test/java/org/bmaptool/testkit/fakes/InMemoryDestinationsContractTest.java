package org.bmaptool.testkit.fakes;

import java.nio.file.Path;
import java.util.Arrays;
import org.bmaptool.ports.destination.DestinationKind;
import org.bmaptool.ports.destination.DestinationRequest;
import org.bmaptool.ports.destination.Destinations;
import org.bmaptool.testkit.contracts.DestinationsContract;
import org.junit.jupiter.api.Nested;

/** The in-memory destinations keep the port's promises, for files and for devices. */
class InMemoryDestinationsContractTest {

    private abstract static class InMemory extends DestinationsContract {
        InMemoryDestinations fake;

        @Override
        protected Destinations newPort() {
            return fake();
        }

        InMemoryDestinations fake() {
            if (fake == null) {
                fake = new InMemoryDestinations(dir);
            }
            return fake;
        }

        @Override
        protected byte[] contentAt(Path path, long position, int length) {
            byte[] content = fake().content(path);
            int from = (int) Math.min(position, content.length);
            return Arrays.copyOfRange(content, from, (int) Math.min(content.length, position + length));
        }
    }

    @Nested
    class RegularFiles extends InMemory {
        @Override
        protected Path target() {
            return dir.resolve("copy.img");
        }

        @Override
        protected DestinationKind expectedKind() {
            return DestinationKind.REGULAR_FILE;
        }
    }

    @Nested
    class BlockDevices extends InMemory {
        private static final int DEVICE_SIZE = 4 << 20;

        @Override
        protected Path target() {
            Path device = Path.of("/dev/fake0");
            fake().withDevice(device, DEVICE_SIZE, (byte) 0x5A, false);
            return device;
        }

        @Override
        protected DestinationKind expectedKind() {
            return DestinationKind.BLOCK_DEVICE;
        }

        @Override
        protected DestinationRequest refusedForWhatItIs(Path target) {
            return new DestinationRequest(target, DEVICE_SIZE + 1L, false);
        }
    }
}
