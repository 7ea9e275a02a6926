package org.bmaptool.testkit.fakes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.extents.FileLayout;

/**
 * A pure-Java stand-in for the extents port: each file the test registers has a block
 * size and the data extents the test says it has (written ones and preallocated, unwritten
 * ones alike, as the port counts both as data); the size is the real file's, which need
 * not be sparse. Runs on any OS. A hook run before each walk of the extents lets a test
 * change the file under the use case's feet; registering a file again changes what the
 * next walk of an open layout sees, as a fresh walk of the kernel's would.
 */
public final class FakeFileExtents implements FileExtentsProbe {
    private final Map<Path, Registered> files = new HashMap<>();

    private record Registered(int blockSize, List<List<ByteExtent>> walks, Runnable beforeWalk) {
    }

    /** {@code file} maps {@code extents} on every walk. */
    public FakeFileExtents with(Path file, int blockSize, List<ByteExtent> extents) {
        return with(file, blockSize, List.of(extents), () -> { });
    }

    /** {@code file} maps its {@code written} and its {@code preallocated} (unwritten) extents, both as data. */
    public FakeFileExtents withPreallocated(Path file, int blockSize, List<ByteExtent> written,
                                            List<ByteExtent> preallocated) {
        List<ByteExtent> data = new ArrayList<>(written);
        data.addAll(preallocated);
        data.sort(Comparator.comparingLong(ByteExtent::offset));
        return with(file, blockSize, data);
    }

    /**
     * {@code file} maps the n-th list of {@code walks} on its n-th walk (the last one
     * after that) and runs {@code beforeWalk} before every walk.
     */
    public FakeFileExtents with(Path file, int blockSize, List<List<ByteExtent>> walks, Runnable beforeWalk) {
        files.put(file.toAbsolutePath(), new Registered(blockSize, walks, beforeWalk));
        return this;
    }

    /** The data extents of the blocks {@code first}-{@code last} of each pair, byte exact. */
    public static List<ByteExtent> blocks(int blockSize, long... firstLast) {
        List<ByteExtent> extents = new ArrayList<>();
        for (int i = 0; i < firstLast.length; i += 2) {
            extents.add(new ByteExtent(firstLast[i] * blockSize, (firstLast[i + 1] - firstLast[i] + 1) * blockSize));
        }
        return extents;
    }

    @Override
    public FileLayout open(Path file) {
        Path key = file.toAbsolutePath();
        Registered registered = files.get(key);
        if (registered == null || !Files.isRegularFile(file)) {
            throw new PortException("'" + file + "' is not a regular file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new PortException("cannot open image file '" + file + "': " + e.getMessage());
        }
        return new FileLayout() {
            private int walk;

            @Override
            public long size() {
                return size;
            }

            @Override
            public int blockSize() {
                return registered.blockSize();
            }

            @Override
            public Iterator<ByteExtent> dataExtents() {
                Registered now = files.get(key);
                now.beforeWalk().run();
                List<List<ByteExtent>> walks = now.walks();
                List<ByteExtent> extents = walks.get(Math.min(walk++, walks.size() - 1));
                // Like the kernel adapter: nothing past the end of the file.
                List<ByteExtent> clipped = new ArrayList<>();
                for (ByteExtent extent : extents) {
                    long end = Math.min(extent.end(), size);
                    if (end > extent.offset()) {
                        clipped.add(new ByteExtent(extent.offset(), end - extent.offset()));
                    }
                }
                return clipped.iterator();
            }

            @Override
            public void close() {
            }
        };
    }
}
