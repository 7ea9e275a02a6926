package org.bmaptool.io.compression;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bmaptool.ports.source.ImageSource;

/** Test images and the real Debian tools that compress them. */
final class Fixtures {
    /** Two and a bit MiB: more than one decode buffer, and several pbzip2/xz blocks. */
    static final int IMAGE_SIZE = 2 * (1 << 20) + 12345;

    private Fixtures() {
    }

    /**
     * A sparse image: text-like runs (compressible, not trivially) between holes, so
     * that tar -S has holes to record and the decoders real work to do.
     */
    static byte[] image(Path file) throws IOException {
        byte[] bytes = new byte[IMAGE_SIZE];
        Random random = new Random(42);
        byte[] words = "bmaptool copies the mapped blocks of a sparse image \n".getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int block = 0; block * 65536 < IMAGE_SIZE; block++) {
                if (block % 3 == 1) {
                    continue; // a hole
                }
                int start = block * 65536;
                int end = Math.min(IMAGE_SIZE, start + 65536);
                for (int i = start; i < end; i++) {
                    bytes[i] = random.nextInt(32) == 0 ? (byte) random.nextInt(256) : words[i % words.length];
                }
                channel.write(ByteBuffer.wrap(bytes, start, end - start), start);
            }
            channel.truncate(IMAGE_SIZE);
            if (channel.size() < IMAGE_SIZE) {
                channel.write(ByteBuffer.allocate(1), IMAGE_SIZE - 1);
            }
        }
        return bytes;
    }

    /** Skips the test unless every tool is installed. */
    static void assumeTools(String... tools) {
        for (String tool : tools) {
            boolean found = false;
            for (String dir : System.getenv("PATH").split(":")) {
                found |= Files.isExecutable(Path.of(dir, tool));
            }
            assumeTrue(found, tool + " is not installed");
        }
    }

    /** Runs {@code script} with bash in {@code dir}; fails on a non-zero exit. */
    static void sh(Path dir, String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(script + " failed: " + output);
        }
    }

    /** Every byte of {@code source}, read front to back in odd-sized pieces. */
    static byte[] readAll(ImageSource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(100_003);
        long position = 0;
        int n;
        while ((n = source.read(buffer.clear(), position)) >= 0) {
            out.write(buffer.array(), 0, n);
            position += n;
        }
        return out.toByteArray();
    }
}
