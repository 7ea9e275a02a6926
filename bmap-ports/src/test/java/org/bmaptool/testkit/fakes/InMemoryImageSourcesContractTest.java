package org.bmaptool.testkit.fakes;

import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSources;
import org.bmaptool.testkit.contracts.ImageSourcesContract;

/** The in-memory image sources keep the port's promises. */
class InMemoryImageSourcesContractTest extends ImageSourcesContract {
    private final InMemoryImageSources fake = new InMemoryImageSources();

    @Override
    protected ImageSources newPort() {
        return fake;
    }

    @Override
    protected Location seekable(String name, byte[] content) {
        fake.put("/images/" + name, content);
        return Location.parse("/images/" + name);
    }

    @Override
    protected Location sequential(String name, byte[] content) {
        fake.putSequential("/pipes/" + name, content);
        return Location.parse("/pipes/" + name);
    }

    @Override
    protected Location missing(String name) {
        return Location.parse("/images/missing/" + name);
    }
}
