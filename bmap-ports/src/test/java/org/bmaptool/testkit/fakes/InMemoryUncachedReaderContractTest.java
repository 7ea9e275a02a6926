package org.bmaptool.testkit.fakes;

import java.nio.file.Path;
import org.bmaptool.ports.readback.UncachedReader;
import org.bmaptool.testkit.contracts.UncachedReaderContract;

/** The in-memory read-back keeps the port's promises. */
class InMemoryUncachedReaderContractTest extends UncachedReaderContract {
    private final InMemoryUncachedReader fake = new InMemoryUncachedReader();

    @Override
    protected UncachedReader newPort() {
        return fake;
    }

    @Override
    protected Path written(byte[] content) {
        Path path = dir.resolve("medium-" + content.length + ".img");
        fake.put(path, content);
        return path;
    }
}
