package org.bmaptool.linux.extents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scenarios on an ext4 on a loop device: the FIEMAP path (root only). */
class Ext4LoopFiemapTest extends MountedFileSystemScenarios {
    @Override
    MountedFileSystem mount(Path base) throws Exception {
        return MountedFileSystem.onLoopDevice("ext4", 128, base);
    }

    @Override
    String expectedMethod() {
        return "FIEMAP";
    }

    @Test
    void preallocatedBlocksCountAsMappedAndPreallocationPastTheEndDoesNot() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fallocate")), "fallocate is not installed");
        int bs = blockSize();
        SparseImage image = new SparseImage("prealloc.img").size(10L * bs);
        // Unwritten extents in blocks 2-4; then 8 blocks kept past the end of the file.
        fallocate("-o", Long.toString(2L * bs), "-l", Long.toString(3L * bs), image.path().toString());
        fallocate("-n", "-o", Long.toString(10L * bs), "-l", Long.toString(8L * bs), image.path().toString());
        assertEquals(List.of(new Blocks(2, 4)), mappedBlocks(image.path()));
    }

    private static void fallocate(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "fallocate";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command));
    }
}
