package org.bmaptool.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bmaptool.app.failure.CommandException;

/**
 * Where the JSON progress lines go (stderr, a file or a FIFO) and the one daemon thread
 * that writes them, so that a slow or vanished reader never holds up or fails the copy:
 * the copy only queues lines, and a reader that went away just stops getting them.
 */
final class ProgressLines {
    private static final String END = "";

    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Thread sender;

    private ProgressLines(OutputStream out) {
        this.sender = new Thread(() -> send(out), "bmaptool-json-progress");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Lines to {@code file} or, when empty, to {@code stderr}.
     *
     * @throws CommandException when the file cannot be opened
     */
    static ProgressLines open(Optional<Path> file, OutputStream stderr) {
        if (file.isEmpty()) {
            return new ProgressLines(stderr);
        }
        Path path = file.get();
        try {
            // A FIFO opened read-write never waits for its reader (Linux), as psplash's pipe.
            return new ProgressLines(PsplashProgress.isFifo(path) ? new FifoOutput(new RandomAccessFile(path.toFile(),
                    "rw")) : Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            throw new CommandException("cannot open progress file '" + path + "': " + e.getMessage(), e);
        }
    }

    /** How many lines wait for the writer: a caller drops in-between lines when it falls behind. */
    int waiting() {
        return queue.size();
    }

    /** Queues {@code line}; it never blocks. */
    void add(String line) {
        queue.add(line);
    }

    /** Queues the end and waits (at most ten seconds) for every line before it to be written. */
    void finish() {
        queue.add(END);
        try {
            sender.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(OutputStream out) {
        try {
            while (true) {
                String line = queue.take();
                if (line == END) {
                    break;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException | IOException e) {
            // Best effort, as psplash: a reader that went away never fails the copy.
        } finally {
            if (!(out instanceof PrintStream)) {
                try {
                    out.close();
                } catch (IOException e) {
                    // Nothing more to tell it.
                }
            }
        }
    }

    /** A FIFO opened read-write, written as a stream. */
    private static final class FifoOutput extends OutputStream {
        private final RandomAccessFile fifo;

        FifoOutput(RandomAccessFile fifo) {
            this.fifo = fifo;
        }

        @Override
        public void write(int b) throws IOException {
            fifo.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            fifo.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            fifo.close();
        }
    }
}
