package org.bmaptool.testkit.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.extents.FileLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link FileExtentsProbe} promises, through the interface alone: the data
 * extents of a file come in ascending order, cover every written byte and no hole, end
 * within the file, count preallocated (unwritten) space as data, and each walk starts
 * afresh; the layout tells the file's size and a block size. Subclasses make the files
 * (the fake registers them, the kernel adapter's test writes real sparse files) and the
 * port. Holes and data are MiB-aligned, so that any filesystem block size keeps them apart.
 */
public abstract class FileExtentsProbeContract {
    protected static final long MIB = 1 << 20;

    @TempDir
    protected Path dir;

    /** The port under test, knowing the files made so far. */
    protected abstract FileExtentsProbe newPort();

    /**
     * A file {@code name} in {@link #dir} of {@code size} bytes with data written over each
     * of {@code written} (and, where {@code preallocated} is not empty, those ranges
     * allocated but never written: unwritten extents), holes elsewhere.
     */
    protected abstract Path sparseFile(String name, long size, List<ByteExtent> written,
                                       List<ByteExtent> preallocated) throws Exception;

    /** Writes data over {@code extent} of a file {@link #sparseFile} made, as a later writer would. */
    protected abstract void writeMore(Path file, ByteExtent extent) throws Exception;

    private Path sparseFile(String name, long size, ByteExtent... written) throws Exception {
        return sparseFile(name, size, List.of(written), List.of());
    }

    private static List<ByteExtent> walk(FileLayout layout) {
        List<ByteExtent> extents = new ArrayList<>();
        layout.dataExtents().forEachRemaining(extents::add);
        return extents;
    }

    private static boolean covered(List<ByteExtent> extents, long from, long to) {
        long at = from;
        for (ByteExtent extent : extents) {
            if (extent.offset() <= at && extent.end() > at) {
                at = extent.end();
            }
        }
        return at >= to;
    }

    private static boolean touches(List<ByteExtent> extents, long from, long to) {
        return extents.stream().anyMatch(extent -> extent.offset() < to && extent.end() > from);
    }

    @Test
    public void extentsComeInAscendingOrderWithoutOverlap() throws Exception {
        Path file = sparseFile("unordered.img", 8 * MIB, new ByteExtent(5 * MIB, 65536),
                new ByteExtent(MIB, 65536), new ByteExtent(3 * MIB, 4096), new ByteExtent(7 * MIB, 8192));
        try (FileLayout layout = newPort().open(file)) {
            List<ByteExtent> extents = walk(layout);
            assertTrue(extents.size() >= 4, extents.toString());
            for (int i = 1; i < extents.size(); i++) {
                assertTrue(extents.get(i).offset() >= extents.get(i - 1).end(), extents.toString());
            }
        }
    }

    @Test
    public void extentsCoverEveryWrittenByteAndNoHole() throws Exception {
        Path file = sparseFile("data.img", 6 * MIB, new ByteExtent(MIB, 3 * 4096), new ByteExtent(4 * MIB, MIB));
        try (FileLayout layout = newPort().open(file)) {
            List<ByteExtent> extents = walk(layout);
            assertTrue(covered(extents, MIB, MIB + 3 * 4096), extents.toString());
            assertTrue(covered(extents, 4 * MIB, 5 * MIB), extents.toString());
            assertTrue(!touches(extents, 0, MIB) && !touches(extents, 2 * MIB, 4 * MIB)
                    && !touches(extents, 5 * MIB, 6 * MIB), extents.toString());
        }
    }

    @Test
    public void aFileWithoutDataHasNoExtents() throws Exception {
        Path file = sparseFile("holes.img", 4 * MIB);
        try (FileLayout layout = newPort().open(file)) {
            assertEquals(List.of(), walk(layout));
        }
    }

    @Test
    public void theLastExtentEndsAtTheEndOfTheFileNotBeyond() throws Exception {
        long size = 2 * MIB + 1000;
        Path file = sparseFile("tail.img", size, new ByteExtent(2 * MIB, 1000));
        try (FileLayout layout = newPort().open(file)) {
            List<ByteExtent> extents = walk(layout);
            assertEquals(size, extents.get(extents.size() - 1).end(), extents.toString());
        }
    }

    @Test
    public void unwrittenExtentsCountAsData() throws Exception {
        Path file = sparseFile("preallocated.img", 4 * MIB, List.of(new ByteExtent(0, 4096)),
                List.of(new ByteExtent(2 * MIB, MIB)));
        try (FileLayout layout = newPort().open(file)) {
            List<ByteExtent> extents = walk(layout);
            assertTrue(covered(extents, 2 * MIB, 3 * MIB), extents.toString());
            assertTrue(!touches(extents, MIB, 2 * MIB) && !touches(extents, 3 * MIB, 4 * MIB), extents.toString());
        }
    }

    @Test
    public void theLayoutTellsTheFileSizeAndABlockSize() throws Exception {
        Path file = sparseFile("sized.img", 3 * MIB + 17, new ByteExtent(0, 4096));
        try (FileLayout layout = newPort().open(file)) {
            assertEquals(3 * MIB + 17, layout.size());
            int blockSize = layout.blockSize();
            assertTrue(blockSize >= 512 && Integer.bitCount(blockSize) == 1, "block size " + blockSize);
        }
    }

    @Test
    public void eachWalkStartsAfreshFromTheStartOfTheFile() throws Exception {
        Path file = sparseFile("walks.img", 8 * MIB, new ByteExtent(MIB, 4096), new ByteExtent(3 * MIB, 4096),
                new ByteExtent(5 * MIB, 4096));
        try (FileLayout layout = newPort().open(file)) {
            Iterator<ByteExtent> abandoned = layout.dataExtents();
            ByteExtent first = abandoned.next();
            List<ByteExtent> whole = walk(layout);
            assertEquals(first, whole.get(0));
            assertEquals(whole, walk(layout));
        }
    }

    @Test
    public void aNewWalkSeesDataWrittenSinceTheLast() throws Exception {
        Path file = sparseFile("growing.img", 8 * MIB, new ByteExtent(MIB, 4096));
        try (FileLayout layout = newPort().open(file)) {
            assertTrue(!touches(walk(layout), 6 * MIB, 7 * MIB));
            writeMore(file, new ByteExtent(6 * MIB, 4096));
            assertTrue(covered(walk(layout), 6 * MIB, 6 * MIB + 4096));
        }
    }

    @Test
    public void openingSomethingThatIsNotARegularFileFailsNamingIt() {
        Exception e = assertThrows(Exception.class, () -> newPort().open(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    public void openingAMissingFileFailsNamingIt() {
        Path missing = dir.resolve("missing.img");
        Exception e = assertThrows(Exception.class, () -> newPort().open(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
