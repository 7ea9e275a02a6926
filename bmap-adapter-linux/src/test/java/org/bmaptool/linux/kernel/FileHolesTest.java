package org.bmaptool.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hole punching through fallocate(2), on a fake libc. */
class FileHolesTest {
    private static final Path FILE = Path.of("copy.img");

    private final FakeLibC libc = new FakeLibC();
    private final FakeLibC.File file = libc.file(FILE, 16384);

    @Test
    void punchesWithPunchHoleAndKeepSizeThroughADescriptorOfItsOwn() throws IOException {
        java.util.Arrays.fill(file.content, (byte) 1);
        assertTrue(new FileHoles(libc.kernel()).punch(FILE, 4096, 8292));
        // O_WRONLY | O_CLOEXEC; FALLOC_FL_PUNCH_HOLE (2) | FALLOC_FL_KEEP_SIZE (1).
        assertEquals(List.of("open(copy.img, 0x80001)", "fallocate(3, 3, 4096, 4196)", "close(3)"), libc.calls());
        byte[] expected = new byte[16384];
        java.util.Arrays.fill(expected, (byte) 1);
        java.util.Arrays.fill(expected, 4096, 8292, (byte) 0);
        assertArrayEquals(expected, file.content(0, 16384));
    }

    @Test
    void aFileSystemThatCannotPunchHolesIsToldAndOtherErrorsNamed() throws IOException {
        libc.failNext("fallocate", Constants.EOPNOTSUPP);
        assertFalse(new FileHoles(libc.kernel()).punch(FILE, 0, 4096));
        libc.failNext("fallocate", FakeLibC.EIO);
        assertEquals("Input/output error", assertThrows(IOException.class,
                () -> new FileHoles(libc.kernel()).punch(FILE, 0, 4096)).getMessage());
        assertEquals(2, libc.calls().stream().filter(call -> call.startsWith("close(")).count(), "closed each time");
    }
}
