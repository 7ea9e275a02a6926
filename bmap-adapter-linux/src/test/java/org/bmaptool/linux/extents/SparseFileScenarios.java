package org.bmaptool.linux.extents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.extents.ByteExtent;
import org.bmaptool.ports.extents.FileExtentsProbe;
import org.bmaptool.ports.extents.FileLayout;
import org.junit.jupiter.api.Test;

/**
 * Sparse files written by the test and mapped by the real kernel: the expected block
 * ranges come from where the test wrote, rounded out to whole blocks. Each subclass runs
 * them on one filesystem and one way of asking (FIEMAP, SEEK_DATA/SEEK_HOLE).
 */
abstract class SparseFileScenarios {

    /** The folder the files go in, on the filesystem under test. */
    abstract Path dir();

    /** The probe under test. */
    abstract FileExtentsProbe probe();

    /** How the probe is expected to ask ("FIEMAP", "SEEK_DATA/SEEK_HOLE"), or null for either. */
    abstract String expectedMethod();

    /**
     * How many one-block extents the many-extents scenario writes. The default
     * filesystem is a real disk shared with other builds: the variants there use fewer,
     * so that the suite stays fast.
     */
    int manyExtents() {
        return 3000;
    }

    /** A block range, inclusive, as the test expects it. */
    record Blocks(long first, long last) {
    }

    /** A file the test builds: a size and the spans it writes (everything else is a hole). */
    final class SparseImage {
        private final Path path;
        private final List<long[]> written = new ArrayList<>();

        SparseImage(String name) throws IOException {
            this.path = dir().resolve(name);
            Files.deleteIfExists(path);
            Files.createFile(path);
        }

        SparseImage size(long size) throws IOException {
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                file.setLength(size);
            }
            return this;
        }

        /** Writes {@code length} bytes of {@code fill} at {@code offset}. */
        SparseImage write(long offset, int length, byte fill) throws IOException {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, fill);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long at = offset;
                while (buffer.hasRemaining()) {
                    at += channel.write(buffer, at);
                }
            }
            written.add(new long[] {offset, offset + length});
            return this;
        }

        /** The written spans rounded out to blocks, adjacent ones merged. */
        List<Blocks> expected(int blockSize) {
            List<long[]> spans = new ArrayList<>(written);
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            List<Blocks> blocks = new ArrayList<>();
            for (long[] span : spans) {
                blocks.add(new Blocks(span[0] / blockSize, (span[1] - 1) / blockSize));
            }
            return merged(blocks);
        }

        Path path() {
            return path;
        }
    }

    /** Maps the file and returns its data as merged block ranges, checking the extents on the way. */
    List<Blocks> mappedBlocks(Path file) {
        try (FileLayout layout = probe().open(file)) {
            if (expectedMethod() != null) {
                assertEquals(expectedMethod() + " map", layout.toString());
            }
            List<Blocks> blocks = new ArrayList<>();
            long previousEnd = 0;
            for (Iterator<ByteExtent> it = layout.dataExtents(); it.hasNext(); ) {
                ByteExtent extent = it.next();
                assertTrue(extent.offset() >= previousEnd, "extents ascend without overlap: " + extent);
                assertTrue(extent.end() <= layout.size(), "extent inside the file: " + extent);
                previousEnd = extent.end();
                blocks.add(new Blocks(extent.offset() / layout.blockSize(), (extent.end() - 1) / layout.blockSize()));
            }
            return merged(blocks);
        }
    }

    static List<Blocks> merged(List<Blocks> blocks) {
        List<Blocks> merged = new ArrayList<>();
        for (Blocks next : blocks) {
            Blocks last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new Blocks(last.first(), Math.max(last.last(), next.last())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    int blockSize() throws IOException {
        Path probeFile = dir().resolve("block-size-probe");
        Files.write(probeFile, new byte[1]);
        try (FileLayout layout = probe().open(probeFile)) {
            return layout.blockSize();
        } finally {
            Files.delete(probeFile);
        }
    }

    void assertMapsAsWritten(SparseImage image) throws IOException {
        assertEquals(image.expected(blockSize()), mappedBlocks(image.path()));
    }

    @Test
    void blockSizeIsTheFileSystemBlockSize() throws IOException {
        assertEquals(Files.getFileStore(dir()).getBlockSize(), blockSize());
    }

    @Test
    void holesAtStartMiddleAndEndAreNotMapped() throws IOException {
        int bs = blockSize();
        assertMapsAsWritten(new SparseImage("holes.img").size(16L * bs)
                .write(2L * bs, 2 * bs, (byte) 'a')
                .write(7L * bs + 50, 100, (byte) 'b')
                .write(11L * bs + bs - 1, 2, (byte) 'c'));
    }

    @Test
    void partialLastBlockIsMapped() throws IOException {
        int bs = blockSize();
        SparseImage image = new SparseImage("partial.img").size(5L * bs + 100).write(5L * bs, 100, (byte) 'x');
        assertMapsAsWritten(image);
        try (FileLayout layout = probe().open(image.path())) {
            assertEquals(5L * bs + 100, layout.size());
        }
    }

    @Test
    void dataInTheMiddleOfAFileWhoseSizeIsNotAMultipleOfTheBlockSize() throws IOException {
        int bs = blockSize();
        assertMapsAsWritten(new SparseImage("odd.img").size(9L * bs + 1).write(3L * bs + 7, 3, (byte) 'y'));
    }

    @Test
    void oneByteFileMapsBlockZero() throws IOException {
        SparseImage image = new SparseImage("one.img").write(0, 1, (byte) 1);
        assertEquals(List.of(new Blocks(0, 0)), mappedBlocks(image.path()));
    }

    @Test
    void allHoleFileMapsNothing() throws IOException {
        assertEquals(List.of(), mappedBlocks(new SparseImage("holes-only.img").size(1L << 20).path()));
    }

    @Test
    void emptyFileMapsNothing() throws IOException {
        SparseImage image = new SparseImage("empty.img");
        assertEquals(List.of(), mappedBlocks(image.path()));
        try (FileLayout layout = probe().open(image.path())) {
            assertEquals(0, layout.size());
        }
    }

    @Test
    void fullyMappedFileIsOneRange() throws IOException {
        int bs = blockSize();
        SparseImage image = new SparseImage("full.img").write(0, 3 * bs + 17, (byte) 'f');
        assertEquals(List.of(new Blocks(0, 3)), mappedBlocks(image.path()));
    }

    @Test
    void writtenZerosStayMapped() throws IOException {
        int bs = blockSize();
        assertMapsAsWritten(new SparseImage("zeros.img").size(8L * bs).write(4L * bs, bs, (byte) 0));
    }

    @Test
    void thousandsOfSmallExtentsAreAllFound() throws IOException {
        int bs = blockSize();
        int blocks = 2 * manyExtents();
        SparseImage image = new SparseImage("many.img").size((long) blocks * bs + 123);
        byte[] block = new byte[bs];
        Arrays.fill(block, (byte) 'm');
        // One channel for all the writes: opening one per block would make this slow.
        try (FileChannel channel = FileChannel.open(image.path(), StandardOpenOption.WRITE)) {
            for (long b = 1; b < blocks; b += 2) {
                channel.write(ByteBuffer.wrap(block), b * bs);
            }
        }
        List<Blocks> expected = new ArrayList<>();
        for (long b = 1; b < blocks; b += 2) {
            expected.add(new Blocks(b, b));
        }
        assertEquals(expected, mappedBlocks(image.path()));
    }

    @Test
    void folderIsNotARegularFile() {
        PortException error = assertThrows(PortException.class, () -> probe().open(dir()));
        assertTrue(error.getMessage().contains("not a regular file"), error.getMessage());
        assertTrue(error.getMessage().contains(dir().toString()), error.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir().resolve("no-such.img");
        PortException error = assertThrows(PortException.class, () -> probe().open(missing));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }
}
