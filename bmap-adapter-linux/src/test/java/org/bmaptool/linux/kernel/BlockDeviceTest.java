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
    void zeroingAskTheKernelWithBlkzeroutForWholeSectorsAndWritesOnlyAnUnalignedTail() throws IOException {
        ByteBuffer pattern = bytes(65536, 9);
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            device.write(pattern, 0);
            device.zeroOut(4096, 40960 + 100);
        }
        List<String> calls = libc.calls();
        // BLKSSZGET, then BLKZEROOUT of the aligned part, then one pwrite of the 100 bytes past the last sector.
        assertTrue(calls.contains("ioctl(3, 0x1268)"), calls.toString());
        assertTrue(calls.contains("zeroout(4096, 36864)"), calls.toString());
        assertEquals(List.of("pwrite(3, 65536, 0)", "pwrite(3, 100, 40960)"), pwrites());
        byte[] expected = bytes(65536, 9).array();
        java.util.Arrays.fill(expected, 4096, 41060, (byte) 0);
        assertArrayEquals(expected, disk.content(0, 65536));
    }

    @Test
    void zeroingOnADeviceOfLargeSectorsWritesTheUnalignedHeadAndTail() throws IOException {
        disk.sectorSize = 4096;
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            device.write(bytes(65536, 5), 0);
            device.zeroOut(1000, 9000);
            device.zeroOut(20000, 20100);
        }
        assertTrue(libc.calls().contains("zeroout(4096, 4096)"), libc.calls().toString());
        assertEquals(List.of("pwrite(3, 65536, 0)", "pwrite(3, 3096, 1000)", "pwrite(3, 808, 8192)",
                "pwrite(3, 100, 20000)"), pwrites());
        byte[] expected = bytes(65536, 5).array();
        java.util.Arrays.fill(expected, 1000, 9000, (byte) 0);
        java.util.Arrays.fill(expected, 20000, 20100, (byte) 0);
        assertArrayEquals(expected, disk.content(0, 65536));
    }

    @Test
    void aRefusedZeroingSaysTheKernelsCause() {
        try (BlockDevice device = BlockDevice.openExclusive(libc.kernel(), DEVICE, "sdx")) {
            // Past the device's end: the kernel refuses the range.
            assertEquals("Invalid argument", assertThrows(IOException.class, () -> device.zeroOut(0, 1L << 40))
                    .getMessage());
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
