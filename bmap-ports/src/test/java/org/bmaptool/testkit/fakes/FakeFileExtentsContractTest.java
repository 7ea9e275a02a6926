package org.bmaptool.testkit.fakes;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.testkit.contracts.FileExtentsProbeContract;

/** The fake extents port keeps the port's promises: files sized for real, extents as registered. */
class FakeFileExtentsContractTest extends FileExtentsProbeContract {
    private final FakeFileExtents fake = new FakeFileExtents();
    private final Map<Path, List<ByteExtent>> written = new HashMap<>();
    private final Map<Path, List<ByteExtent>> preallocated = new HashMap<>();

    @Override
    protected FileExtentsProbe newPort() {
        return fake;
    }

    @Override
    protected Path sparseFile(String name, long size, List<ByteExtent> data, List<ByteExtent> unwritten)
            throws Exception {
        Path file = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        written.put(file, new ArrayList<>(data));
        preallocated.put(file, unwritten);
        register(file);
        return file;
    }

    @Override
    protected void writeMore(Path file, ByteExtent extent) {
        written.get(file).add(extent);
        register(file);
    }

    private void register(Path file) {
        List<ByteExtent> data = new ArrayList<>(written.get(file));
        data.sort(Comparator.comparingLong(ByteExtent::offset));
        fake.withPreallocated(file, 4096, data, preallocated.get(file));
    }
}
