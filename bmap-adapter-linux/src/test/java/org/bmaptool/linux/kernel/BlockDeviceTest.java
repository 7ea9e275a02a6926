package org.bmaptool.linux.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

/** BlockDevice's exclusive open, its write loop and its deferred close, on a fake libc. */
class BlockDeviceTest {
    private static final Path DEVICE = Path.of("fake-disk");

    private final FakeLibC libc = new FakeLibC();
    private final FakeLibC.File disk = libc.file(DEVICE, 65536);

    @Test
    void opensWriteOnlyExclusiveCloseOnExecAndAsksTheSize() {
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            assertEquals(65536, device.size());
        }
        // O_WRONLY (1) | O_EXCL (0200) | O_CLOEXEC (02000000); BLKGETSIZE64.
        assertEquals(List.of("open(fake-disk, 0x80081)", "ioctl(3, 0x80081272)", "close(3)"), libc.calls());
    }

    @Test
    void aRefusedOpenNamesTheDeviceAndTheError() {
        libc.failNext("open", FakeLibC.EBUSY);
        assertEquals("cannot open block device 'sdx' in exclusive mode: Device or resource busy",
                assertThrows(PortException.class, () -> BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx"))
                        .getMessage());
    }

    @Test
    void aFailedSizeNamesTheDevice() {
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            libc.failNext("ioctl", FakeLibC.EIO);
            assertEquals("cannot get the size of block device 'sdx': Input/output error",
                    assertThrows(PortException.class, device::size).getMessage());
        }
    }

    @Test
    void anInterruptedWriteIsRetriedAtTheSameOffset() throws IOException {
        libc.pwriteScript.add((long) -Constants.EINTR);
        ByteBuffer data = bytes(4096, 7);
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            device.write(data, 8192);
        }
        assertFalse(data.hasRemaining());
        assertEquals(List.of("pwrite(3, 4096, 8192)", "pwrite(3, 4096, 8192)"), pwrites());
        assertArrayEquals(bytes(4096, 7).array(), disk.content(8192, 4096));
    }

    @Test
    void aShortWriteGoesOnWithTheRest() throws IOException {
        libc.pwriteScript.add(1000L);
        ByteBuffer data = bytes(4096, 3);
        data.position(96);
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            device.write(data, 0);
        }
        assertEquals(List.of("pwrite(3, 4000, 0)", "pwrite(3, 3000, 1000)"), pwrites());
        ByteBuffer expected = bytes(4096, 3).position(96);
        byte[] tail = new byte[4000];
        expected.get(tail);
        assertArrayEquals(tail, disk.content(0, 4000));
    }

    @Test
    void aWriteOfNothingIsAFullDevice() {
        libc.pwriteScript.add(512L);
        libc.pwriteScript.add(0L);
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            IOException full = assertThrows(IOException.class, () -> device.write(bytes(1024, 1), 4096));
            assertEquals("no space left on device (the write at byte 4608 wrote nothing)", full.getMessage());
        }
    }

    @Test
    void otherWriteAndSyncErrorsAreOnlyTheCause() {
        libc.pwriteScript.add((long) -FakeLibC.EIO);
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            assertEquals("Input/output error",
                    assertThrows(IOException.class, () -> device.write(bytes(16, 1), 0)).getMessage());
            libc.failNext("fdatasync", FakeLibC.EIO);
            assertEquals("Input/output error", assertThrows(IOException.class, device::fdatasync).getMessage());
        }
    }

    @Test
    void afterCloseCallsFailAndTheDescriptorIsClosedOnce() throws IOException {
        BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx");
        device.fdatasync();
        device.close();
        device.close();
        assertEquals("block device 'sdx' is closed",
                assertThrows(IOException.class, () -> device.write(bytes(16, 1), 0)).getMessage());
        assertEquals("block device 'sdx' is closed", assertThrows(IOException.class, device::fdatasync).getMessage());
        assertEquals(List.of("open(fake-disk, 0x80081)", "fdatasync(3)", "close(3)"), libc.calls());
    }

    @Test
    void closeDuringAWriteClosesTheDescriptorOnlyWhenTheWriteReturned() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        libc.duringPwrite = () -> {
            writing.countDown();
            await(release);
        };
        BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx");
        Thread writer = new Thread(() -> {
            try {
                device.write(bytes(4096, 1), 0);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        writer.start();
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        device.close();
        assertFalse(libc.calls().contains("close(3)"), "the descriptor stays open under the running write");
        release.countDown();
        writer.join(10_000);
        assertEquals(List.of("open(fake-disk, 0x80081)", "pwrite(3, 4096, 0)", "close(3)"), libc.calls());
    }

    private List<String> pwrites() {
        return libc.calls().stream().filter(c -> c.startsWith("pwrite")).collect(Collectors.toList());
    }

    private static ByteBuffer bytes(int length, int seed) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            buffer.put(i, (byte) (i * 31 + seed));
        }
        return buffer;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
