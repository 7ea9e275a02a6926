package org.bmaptool.io.source;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.bmaptool.io.IoAdapters;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSources;
import org.bmaptool.testkit.contracts.ImageSourcesContract;
import org.junit.jupiter.api.io.TempDir;

/** The io adapter keeps the image sources' promises on local files: raw ones seek, gzipped ones stream. */
class LocationSourcesContractTest extends ImageSourcesContract {
    @TempDir
    Path dir;

    @Override
    protected ImageSources newPort() {
        return IoAdapters.imageSources();
    }

    @Override
    protected Location seekable(String name, byte[] content) throws Exception {
        return Location.parse(Files.write(dir.resolve(name), content).toString());
    }

    @Override
    protected Location sequential(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return Location.parse(file.toString());
    }

    @Override
    protected Location missing(String name) {
        return Location.parse(dir.resolve(name).toString());
    }
}
