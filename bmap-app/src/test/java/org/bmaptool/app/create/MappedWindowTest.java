package org.bmaptool.app.create;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedWindowTest {
    private static final Path MAPS = Path.of("/proc/self/maps");

    @TempDir
    Path dir;

    @Test
    void unmapRemovesTheWindowFromTheProcessAtOnce() throws Exception {
        assumeTrue(Files.isReadable(MAPS), "needs /proc/self/maps (Linux)");
        Path image = Files.write(dir.resolve("window.img"), new byte[1 << 20]);
        try (FileChannel channel = FileChannel.open(image)) {
            MappedByteBuffer window = channel.map(FileChannel.MapMode.READ_ONLY, 0, 1 << 20);
            assertTrue(Files.readString(MAPS).contains(image.toString()), "mapped");
            assertTrue(MappedWindow.unmap(window), "unmapped");
            assertFalse(Files.readString(MAPS).contains(image.toString()), "no longer in the process");
        }
    }
}
