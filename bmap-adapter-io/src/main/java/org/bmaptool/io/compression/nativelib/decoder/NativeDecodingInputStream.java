package org.bmaptool.io.compression.nativelib.decoder;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.bmaptool.io.compression.bytes.ByteStreams;
import org.bmaptool.io.compression.nativelib.LibBz2;
import org.bmaptool.io.compression.nativelib.LibLzma;

/**
 * The decoded bytes of an xz or bzip2 file, decoded by the system's liblzma or libbz2:
 * the decoders {@code xz} and {@code bzip2} run, one and a half to two times as fast per
 * core as the pure-Java ones, which stay the fallback where the libraries are missing.
 * Compressed bytes go to the library in pieces through native memory, and decoded bytes
 * come back the same way; that memory is kept per thread, as a worker decodes one unit
 * after another. Like the Java decoders it fails on a corrupt, truncated or trailing
 * garbage-bearing stream, and closes its input when closed. Every native call and struct
 * access of the decoders is in this package.
 */
public final class NativeDecodingInputStream extends InputStream {
    /** Compressed bytes handed to the library at a time. */
    private static final int IN = 1 << 16;
    /** Decoded bytes taken from the library at a time: one piece of the parallel decoder. */
    private static final int OUT = 1 << 18;

    /** Native memory for one decoder: its state struct and its buffers, reused by the thread's next decoder. */
    private static final class Buffers {
        final Pointer stream = Memory.allocateDirect(NativeLibraries.runtime(), Math.max(LibLzma.Stream.SIZE,
                LibBz2.Stream.SIZE), true);
        final Pointer in = Memory.allocateDirect(NativeLibraries.runtime(), IN);
        final Pointer out = Memory.allocateDirect(NativeLibraries.runtime(), OUT);
        final byte[] staging = new byte[IN];
        volatile boolean inUse;
    }

    private static final ThreadLocal<Buffers> BUFFERS = new ThreadLocal<>();

    /** What differs between the two libraries: their calls, the width of avail_in/avail_out, their messages. */
    private interface Library {
        /** Initialises the decoder in {@code stream}, whose other fields are zero or already set. */
        void init(Pointer stream) throws IOException;

        int code(Pointer stream, boolean finish);

        void end(Pointer stream);

        boolean sizeIsLong();

        boolean isStreamEnd(int status);

        /** The failure for a status that is neither progress nor an end, or null. */
        IOException failure(int status, int streamsEnded);

        /** Whether another stream may follow an ended one in the same input. */
        boolean restartsAfterEnd();
    }

    /**
     * An xz decoder where liblzma loads; {@code concatenated} reads streams and padding
     * to the end, as {@code xz -d} does, else one stream is read and nothing after it.
     */
    public static Optional<NativeDecodingInputStream> xz(InputStream compressed, boolean concatenated) {
        return NativeLibraries.lzma().map(lzma -> new NativeDecodingInputStream(
                new Xz(lzma, concatenated ? LibLzma.LZMA_CONCATENATED : 0), compressed));
    }

    /** A decoder of concatenated bzip2 streams, as pbzip2 writes them, where libbz2 loads. */
    public static Optional<NativeDecodingInputStream> bzip2(InputStream compressed) {
        return NativeLibraries.bz2().map(bz2 -> new NativeDecodingInputStream(new Bzip2(bz2), compressed));
    }

    private final Library library;
    private final InputStream compressed;
    private final Buffers buffers;
    private final Pointer stream;
    private boolean initialized;
    private boolean sourceEnded;
    private boolean finished;
    private boolean closed;
    private int streamsEnded;
    /** Compressed bytes handed to the library so far. */
    private long fed;
    private long consumedAtClose;

    private NativeDecodingInputStream(Library library, InputStream compressed) {
        this.library = library;
        this.compressed = compressed;
        this.buffers = acquire();
        this.stream = buffers.stream;
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
        buffers.stream.setMemory(0, LibLzma.Stream.SIZE, (byte) 0);
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
            library.init(stream);
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
            int status = library.code(stream, finish);
            int produced = want - (int) availOut();
            IOException failure = library.failure(status, streamsEnded);
            if (failure != null) {
                throw failure;
            }
            if (library.isStreamEnd(status)) {
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
        if (!library.restartsAfterEnd()) {
            return false;
        }
        if (availIn() == 0 && !sourceEnded) {
            refill();
        }
        library.end(stream);
        initialized = false;
        if (availIn() == 0) {
            return false;
        }
        library.init(stream);
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
        stream.putAddress(LibLzma.Stream.NEXT_IN, buffers.in.address());
        if (library.sizeIsLong()) {
            stream.putLong(LibLzma.Stream.AVAIL_IN, n);
        } else {
            stream.putInt(LibBz2.Stream.AVAIL_IN, n);
        }
        fed += n;
    }

    private long availIn() {
        return library.sizeIsLong() ? stream.getLong(LibLzma.Stream.AVAIL_IN)
                : stream.getInt(LibBz2.Stream.AVAIL_IN) & 0xffffffffL;
    }

    private long availOut() {
        return library.sizeIsLong() ? stream.getLong(LibLzma.Stream.AVAIL_OUT)
                : stream.getInt(LibBz2.Stream.AVAIL_OUT) & 0xffffffffL;
    }

    private void setOut(int length) {
        stream.putAddress(LibLzma.Stream.NEXT_OUT, buffers.out.address());
        if (library.sizeIsLong()) {
            stream.putLong(LibLzma.Stream.AVAIL_OUT, length);
        } else {
            stream.putInt(LibBz2.Stream.AVAIL_OUT, length);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        consumedAtClose = consumed();
        closed = true;
        if (initialized) {
            library.end(stream);
            initialized = false;
        }
        buffers.inUse = false;
        compressed.close();
    }

    /** liblzma, with the messages {@code xz} prints. */
    private record Xz(LibLzma lzma, int flags) implements Library {
        @Override
        public void init(Pointer stream) throws IOException {
            int status = lzma.lzma_stream_decoder(stream, -1L, flags); // no memory limit, as xz -d
            if (status != LibLzma.LZMA_OK) {
                throw failure(status, 0);
            }
        }

        @Override
        public int code(Pointer stream, boolean finish) {
            return lzma.lzma_code(stream, finish ? LibLzma.LZMA_FINISH : LibLzma.LZMA_RUN);
        }

        @Override
        public void end(Pointer stream) {
            lzma.lzma_end(stream);
        }

        @Override
        public boolean sizeIsLong() {
            return true;
        }

        @Override
        public boolean isStreamEnd(int status) {
            return status == LibLzma.LZMA_STREAM_END;
        }

        @Override
        public IOException failure(int status, int streamsEnded) {
            switch (status) {
                case LibLzma.LZMA_OK:
                case LibLzma.LZMA_STREAM_END:
                    return null;
                case LibLzma.LZMA_BUF_ERROR:
                    return new EOFException("Unexpected end of input");
                case LibLzma.LZMA_DATA_ERROR:
                    return new IOException("Compressed data is corrupt");
                case LibLzma.LZMA_FORMAT_ERROR:
                    return new IOException("File format not recognized");
                case LibLzma.LZMA_OPTIONS_ERROR:
                    return new IOException("Unsupported options");
                case LibLzma.LZMA_MEM_ERROR:
                case LibLzma.LZMA_MEMLIMIT_ERROR:
                    return new IOException("Cannot allocate memory");
                default:
                    // LZMA_NO_CHECK and LZMA_GET_CHECK come only with flags not given
                    return new IOException("liblzma error " + status);
            }
        }

        @Override
        public boolean restartsAfterEnd() {
            return false; // LZMA_CONCATENATED reads on by itself
        }
    }

    /** libbz2, with the messages {@code bzip2} prints. */
    private record Bzip2(LibBz2 bz2) implements Library {
        @Override
        public void init(Pointer stream) throws IOException {
            int status = bz2.BZ2_bzDecompressInit(stream, 0, 0);
            if (status != LibBz2.BZ_OK) {
                throw new IOException(status == LibBz2.BZ_MEM_ERROR ? "out of memory" : "libbz2 error " + status);
            }
        }

        @Override
        public int code(Pointer stream, boolean finish) {
            return bz2.BZ2_bzDecompress(stream);
        }

        @Override
        public void end(Pointer stream) {
            bz2.BZ2_bzDecompressEnd(stream);
        }

        @Override
        public boolean sizeIsLong() {
            return false;
        }

        @Override
        public boolean isStreamEnd(int status) {
            return status == LibBz2.BZ_STREAM_END;
        }

        @Override
        public IOException failure(int status, int streamsEnded) {
            switch (status) {
                case LibBz2.BZ_OK:
                case LibBz2.BZ_STREAM_END:
                    return null;
                case LibBz2.BZ_DATA_ERROR:
                    return new IOException("data integrity (CRC) error in data");
                case LibBz2.BZ_DATA_ERROR_MAGIC:
                    return new IOException(streamsEnded == 0 ? "bad magic number (file not created by bzip2)"
                            : "trailing garbage after the end of a bzip2 stream");
                case LibBz2.BZ_MEM_ERROR:
                    return new IOException("out of memory");
                default:
                    return new IOException("libbz2 error " + status);
            }
        }

        @Override
        public boolean restartsAfterEnd() {
            return true;
        }
    }
}
