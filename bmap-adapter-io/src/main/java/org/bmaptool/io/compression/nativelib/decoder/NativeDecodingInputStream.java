package org.bmaptool.io.compression.nativelib.decoder;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.bmaptool.io.compression.bytes.ByteStreams;
import org.bmaptool.io.compression.nativelib.LibLzma;

/**
 * The decoded bytes of an xz or bzip2 file, decoded by the system's liblzma or libbz2:
 * the decoders {@code xz} and {@code bzip2} run, one and a half to two times as fast per
 * core as the pure-Java ones, which stay the fallback where the libraries are missing.
 * Compressed bytes go to the library in pieces through native memory, and decoded bytes
 * come back the same way; that memory is kept per thread, as a worker decodes one unit
 * after another. Like the Java decoders it fails on a corrupt, truncated or trailing
 * garbage-bearing stream, and closes its input when closed. Each library's struct has its
 * own accessors ({@link LzmaStream}, {@link BzStream}) behind {@link NativeStream}, and
 * its calls are behind {@link NativeDecoder}.
 */
public final class NativeDecodingInputStream extends InputStream {
    /** Compressed bytes handed to the library at a time. */
    private static final int IN = 1 << 16;
    /** Decoded bytes taken from the library at a time: one piece of the parallel decoder. */
    private static final int OUT = 1 << 18;
    /** The state struct of either library: the memory serves the thread's next decoder, of either format. */
    private static final int STREAM_SIZE = Math.max(LzmaStream.SIZE, BzStream.SIZE);

    /** Native memory for one decoder: its state struct and its buffers, reused by the thread's next decoder. */
    private static final class Buffers {
        final Pointer stream = Memory.allocateDirect(NativeLibraries.runtime(), STREAM_SIZE, true);
        final Pointer in = Memory.allocateDirect(NativeLibraries.runtime(), IN);
        final Pointer out = Memory.allocateDirect(NativeLibraries.runtime(), OUT);
        final byte[] staging = new byte[IN];
        volatile boolean inUse;
    }

    private static final ThreadLocal<Buffers> BUFFERS = new ThreadLocal<>();

    /**
     * An xz decoder where liblzma loads; {@code concatenated} reads streams and padding
     * to the end, as {@code xz -d} does, else one stream is read and nothing after it.
     */
    public static Optional<NativeDecodingInputStream> xz(InputStream compressed, boolean concatenated) {
        int flags = concatenated ? LibLzma.LZMA_CONCATENATED : 0;
        return NativeLibraries.lzma().map(lzma -> new NativeDecodingInputStream(
                stream -> new LzmaDecoder(lzma, new LzmaStream(stream), flags), compressed));
    }

    /** A decoder of concatenated bzip2 streams, as pbzip2 writes them, where libbz2 loads. */
    public static Optional<NativeDecodingInputStream> bzip2(InputStream compressed) {
        return NativeLibraries.bz2().map(bz2 -> new NativeDecodingInputStream(
                stream -> new Bz2Decoder(bz2, new BzStream(stream)), compressed));
    }

    private final NativeDecoder decoder;
    private final NativeStream stream;
    private final InputStream compressed;
    private final Buffers buffers;
    private boolean initialized;
    private boolean sourceEnded;
    private boolean finished;
    private boolean closed;
    private int streamsEnded;
    /** Compressed bytes handed to the library so far. */
    private long fed;
    private long consumedAtClose;

    /** {@code decoderOver} makes the library's decoder over the struct in this thread's native memory. */
    private NativeDecodingInputStream(Function<Pointer, NativeDecoder> decoderOver, InputStream compressed) {
        this.compressed = compressed;
        this.buffers = acquire();
        this.decoder = decoderOver.apply(buffers.stream);
        this.stream = decoder.stream();
    }

    private static Buffers acquire() {
        Buffers buffers = BUFFERS.get();
        if (buffers == null || buffers.inUse) {
            Buffers fresh = new Buffers();
            if (buffers == null) {
                BUFFERS.set(fresh);
            }
            buffers = fresh;
        }
        buffers.inUse = true;
        buffers.stream.setMemory(0, STREAM_SIZE, (byte) 0);
        return buffers;
    }

    /**
     * Compressed bytes the library has used so far: where a unit breaks off is then known
     * exactly, not a piece of read-ahead later.
     */
    public synchronized long consumed() {
        // Once closed the memory may serve the thread's next decoder: the count was kept at the close.
        return closed ? consumedAtClose : fed - availIn();
    }

    @Override
    public int read() throws IOException {
        return ByteStreams.readOne(this);
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        if (finished) {
            return -1;
        }
        if (!initialized) {
            decoder.init();
            initialized = true;
        }
        int want = Math.min(length, OUT);
        int idle = 0;
        while (true) {
            if (availIn() == 0 && !sourceEnded) {
                refill();
            }
            boolean finish = sourceEnded && availIn() == 0;
            long inBefore = availIn();
            setOut(want);
            int status = decoder.code(finish);
            int produced = want - (int) availOut();
            IOException failure = decoder.failure(status, streamsEnded);
            if (failure != null) {
                throw failure;
            }
            if (decoder.isStreamEnd(status)) {
                streamsEnded++;
                finished = !nextStream();
            }
            if (produced > 0) {
                buffers.out.get(0, target, offset, produced);
                return produced;
            }
            if (finished) {
                return -1;
            }
            if (finish && availIn() == inBefore && ++idle > 1) {
                throw new EOFException("compressed data ends unexpectedly");
            }
        }
    }

    /** After a stream's end: whether another follows (bzip2's next stream), with its decoder started. */
    private boolean nextStream() throws IOException {
        if (!decoder.restartsAfterEnd()) {
            return false;
        }
        if (availIn() == 0 && !sourceEnded) {
            refill();
        }
        decoder.end();
        initialized = false;
        if (availIn() == 0) {
            return false;
        }
        decoder.init();
        initialized = true;
        return true;
    }

    /** Hands the library the next compressed bytes, or notes the input's end. */
    private void refill() throws IOException {
        int n = compressed.read(buffers.staging, 0, IN);
        if (n < 0) {
            sourceEnded = true;
            return;
        }
        buffers.in.put(0, buffers.staging, 0, n);
        stream.setInput(buffers.in.address(), n);
        fed += n;
    }

    private long availIn() {
        return stream.availIn();
    }

    private long availOut() {
        return stream.availOut();
    }

    private void setOut(int length) {
        stream.setOutput(buffers.out.address(), length);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        consumedAtClose = consumed();
        closed = true;
        if (initialized) {
            decoder.end();
            initialized = false;
        }
        buffers.inUse = false;
        compressed.close();
    }
}
