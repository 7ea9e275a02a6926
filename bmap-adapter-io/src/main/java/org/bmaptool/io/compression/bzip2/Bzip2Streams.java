package org.bmaptool.io.compression.bzip2;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bmaptool.io.compression.bytes.ByteStreams;
import org.bmaptool.io.compression.parallel.CompressedUnit;
import org.bmaptool.io.compression.parallel.CompressedUnits;

/**
 * A bzip2 file cut into its streams: pbzip2 and lbzip2 write one stream per block, and
 * {@code cat a.bz2 b.bz2} makes several too. Every stream starts on a byte boundary with
 * "BZh", the level digit and the 48-bit magic of a block (or of the end, for an empty
 * stream): ten bytes that are looked for. Compressed data may hold them by chance, so a
 * cut may be wrong; the reader then decodes on from the unit before it sequentially.
 * A stream longer than {@link #MAX_STREAM} (a plain bzip2 file of many blocks, which are
 * not byte-aligned) is the start of a sequentially decoded rest.
 */
public final class Bzip2Streams implements CompressedUnits {
    private static final int MAX_STREAM = 16 << 20;
    private static final int MAGIC = 10;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] BLOCK = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
    private static final byte[] END = {0x17, 0x72, 0x45, 0x38, 0x50, (byte) 0x90};

    private final InputStream in;
    private final Bzip2Decoder decoders;
    private final int maxStream;
    /** The size a unit's array starts at (and is reused at): a pbzip2 stream and the next magic fit. */
    private final int unitCapacity;
    private final byte[] buffer;
    /** Arrays of units read through, for the next units. */
    private final BlockingQueue<byte[]> spares = new ArrayBlockingQueue<>(16);
    private int start;
    private int end;
    private boolean eof;
    /** The file offset of {@code buffer[start]}. */
    private long offset;

    public Bzip2Streams(InputStream in, Bzip2Decoder decoders) {
        this(in, decoders, 1 << 20, MAX_STREAM);
    }

    /**
     * With a buffer of {@code bufferSize} bytes and streams up to {@code maxStream} held:
     * tests make them small to put magics across the buffer's edge and to reach the
     * sequential rest with small files.
     */
    public Bzip2Streams(InputStream in, Bzip2Decoder decoders, int bufferSize, int maxStream) {
        this.in = in;
        this.decoders = decoders;
        this.maxStream = maxStream;
        this.unitCapacity = Math.min(maxStream, 1 << 20) + MAGIC;
        this.buffer = new byte[Math.max(bufferSize, MAGIC)];
    }

    @Override
    public CompressedUnit next() throws IOException {
        fill();
        if (start == end) {
            return null;
        }
        long unitOffset = offset;
        byte[] unit = spares.poll();
        if (unit == null) {
            unit = new byte[unitCapacity];
        }
        int length = 0;
        long scanFrom = unitOffset + 1; // its own magic is no cut
        while (true) {
            int from = start + (int) Math.max(0, scanFrom - offset);
            int last = end - MAGIC;
            int cut = -1;
            for (int i = indexOfB(buffer, from, last); i >= 0; i = indexOfB(buffer, i + 1, last)) {
                if (isMagicAt(i)) {
                    cut = i;
                    break;
                }
            }
            // Keep the last bytes unless at the end: they may begin a magic the next read completes.
            int taken = cut >= 0 ? cut : eof ? end : Math.max(start, last + 1);
            if (length + (taken - start) > unit.length) {
                unit = Arrays.copyOf(unit, Math.max(unit.length * 2, length + taken - start));
            }
            System.arraycopy(buffer, start, unit, length, taken - start);
            length += taken - start;
            offset += taken - start;
            start = taken;
            if (cut >= 0 || eof && start == end) {
                return CompressedUnit.held(unit, length, 0, unitOffset, length, -1);
            }
            if (length > maxStream) {
                return CompressedUnit.rest(unit, length, unitOffset);
            }
            scanFrom = Math.max(offset, unitOffset + 1);
            fill();
        }
    }

    /**
     * The first index of 'B' in {@code bytes[from, last]}, or -1: eight bytes at a time,
     * as a byte-by-byte scan of a 4 GiB image's 850 MB of streams took 2.3 s of CPU.
     */
    static int indexOfB(byte[] bytes, int from, int last) {
        int i = from;
        for (; i + 7 <= last; i += 8) {
            long x = (long) LONGS.get(bytes, i) ^ 0x4242424242424242L;
            // A zero byte of x is a 'B'; the lowest flagged byte is the first one (flags above it may be false).
            long zeros = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i <= last; i++) {
            if (bytes[i] == 'B') {
                return i;
            }
        }
        return -1;
    }

    private boolean isMagicAt(int i) {
        if (buffer[i + 1] != 'Z' || buffer[i + 2] != 'h' || buffer[i + 3] < '1' || buffer[i + 3] > '9') {
            return false;
        }
        return Arrays.equals(buffer, i + 4, i + MAGIC, BLOCK, 0, BLOCK.length)
                || Arrays.equals(buffer, i + 4, i + MAGIC, END, 0, END.length);
    }

    /** Makes at least a magic's length of bytes available, unless the file ends first. */
    private void fill() throws IOException {
        if (eof || end - start >= MAGIC) {
            return;
        }
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
        while (!eof && end < MAGIC) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    /**
     * Keeps a read unit's array for a next unit: a new megabyte for each of the thousands
     * of streams of a large image kept the garbage collector busy (5 s of 85 on 4 GiB).
     */
    @Override
    public void reuse(CompressedUnit unit) {
        if (unit.bytes().length == unitCapacity) {
            spares.offer(unit.bytes());
        }
    }

    @Override
    public long position() {
        return offset;
    }

    @Override
    public InputStream remainder() {
        return ByteStreams.unread(buffer, start, end, in);
    }

    @Override
    public InputStream unitDecoder(InputStream unit) throws IOException {
        return decoders.bzip2(unit);
    }

    @Override
    public InputStream restDecoder(InputStream compressed) throws IOException {
        return decoders.bzip2(compressed);
    }

    @Override
    public boolean cutsMayBeWrong() {
        return true;
    }

    @Override
    public String formatName() {
        return "bzip2";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
