package org.bmaptool.io.remote;

import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPOutputStream;
import org.bmaptool.io.IoAdapters;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSources;
import org.bmaptool.testkit.contracts.ImageSourcesContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The io adapter keeps the image sources' promises over HTTP, from a server on 127.0.0.1:
 * raw files by Range requests, gzipped ones streamed, a 404 as missing.
 */
class HttpSourcesContractTest extends ImageSourcesContract {
    private TestHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ImageSources newPort() {
        return IoAdapters.imageSources();
    }

    @Override
    protected Location seekable(String name, byte[] content) {
        server.file("/images/" + name, content);
        return Location.parse(server.url("/images/" + name));
    }

    @Override
    protected Location sequential(String name, byte[] content) throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(content);
        }
        server.file("/images/" + name + ".gz", gzipped.toByteArray());
        return Location.parse(server.url("/images/" + name + ".gz"));
    }

    @Override
    protected Location missing(String name) {
        return Location.parse(server.url("/images/" + name));
    }
}
