package org.bmaptool.io.compression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.bmaptool.io.OwnErrors;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.source.ImageSource;
import org.junit.jupiter.api.Test;

/**
 * Feeds arbitrary bytes to every decompression source, named as the user would name the
 * file, and reads the decoded image to its end. Reading must end with data or with our
 * own {@link PortException} with a one-line message: any other exception, or a read
 * that never returns, is a bug. The seeds ({@code CompressedImagesFuzzTestInputs/}) were
 * made by the real tools with {@code src/test/fuzz/make-seeds.sh}.
 */
class CompressedImagesFuzzTest {
    /** Enough for any seed and its mutations; a decompression bomb is cut off here, not read out. */
    private static final long READ_LIMIT = 64L << 20;
    /** A bound on one input, far above what any of them takes, so a hang fails instead of stalling the build. */
    private static final long HANG_SECONDS = 60;
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fuzz reader");
        thread.setDaemon(true);
        return thread;
    });

    @FuzzTest(maxDuration = "1m")
    void gzipFailsOnlyWithItsOwnError(byte[] input) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.img.gz", input);
    }

    @FuzzTest(maxDuration = "1m")
    void bzip2FailsOnlyWithItsOwnError(byte[] input) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.img.bz2", input);
    }

    @FuzzTest(maxDuration = "1m")
    void xzFailsOnlyWithItsOwnError(byte[] input) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.img.xz", input);
    }

    @FuzzTest(maxDuration = "1m")
    void zstdFailsOnlyWithItsOwnError(byte[] input) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.img.zst", input);
    }

    @FuzzTest(maxDuration = "1m")
    void lz4FailsOnlyWithItsOwnError(byte[] input) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.img.lz4", input);
    }

    @FuzzTest(maxDuration = "1m")
    void lzopFailsOnlyWithItsOwnError(byte[] input) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.img.lzo", input);
    }

    /** The input is the tar archive itself, gzipped here: mutated compressed bytes would rarely decode to a tar header. */
    @FuzzTest(maxDuration = "1m")
    void tarFailsOnlyWithItsOwnError(byte[] tar) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.tar.gz", gzip(tar));
    }

    @FuzzTest(maxDuration = "1m")
    void zipFailsOnlyWithItsOwnError(byte[] input) {
        readsToTheEndOrFailsWithItsOwnError("fuzz.zip", input);
    }

    /** Every seed decodes to its image: fuzzing starts from streams that reach the end. */
    @Test
    void seedsDecodeToTheirImage() throws IOException, URISyntaxException {
        Path seeds = Path.of(CompressedImagesFuzzTest.class.getResource("CompressedImagesFuzzTestInputs").toURI());
        Map<String, String> names = Map.of("gzip", "fuzz.img.gz", "bzip2", "fuzz.img.bz2", "xz", "fuzz.img.xz",
                "zstd", "fuzz.img.zst", "lz4", "fuzz.img.lz4", "lzop", "fuzz.img.lzo", "zip", "fuzz.zip");
        for (Map.Entry<String, String> format : names.entrySet()) {
            try (Stream<Path> files = Files.list(seeds.resolve(format.getKey() + "FailsOnlyWithItsOwnError"))) {
                for (Path seed : files.filter(f -> !f.getFileName().toString().startsWith("crash-")).toList()) {
                    assertTrue(readAll(format.getValue(), Files.readAllBytes(seed)).startsWith("bmaptool fuzz seed image"),
                            seed.toString());
                }
            }
        }
        try (Stream<Path> files = Files.list(seeds.resolve("tarFailsOnlyWithItsOwnError"))) {
            for (Path seed : files.filter(f -> !f.getFileName().toString().startsWith("crash-")).toList()) {
                String image = readAll("fuzz.tar.gz", gzip(Files.readAllBytes(seed)));
                assertTrue(image.startsWith("sparse start") && image.contains("sparse end")
                        || image.startsWith("bmaptool fuzz seed image"), seed.toString());
            }
        }
    }

    private static void readsToTheEndOrFailsWithItsOwnError(String name, byte[] input) {
        Future<?> reading = READER.submit(() -> {
            readAll(name, input);
            return null;
        });
        try {
            reading.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof PortException) {
                OwnErrors.assertOneLineMessage((PortException) failure);
            } else if (failure instanceof Error) {
                throw (Error) failure;
            } else {
                throw new AssertionError("failed with " + failure, failure);
            }
        } catch (TimeoutException e) {
            reading.cancel(true);
            throw new AssertionError("reading '" + name + "' hangs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The decoded image up to {@link #READ_LIMIT}; the first 64 KiB of it as text. */
    private static String readAll(String name, byte[] input) throws IOException {
        Optional<ImageSource> opened = CompressedImages.openByName(name, new ByteArrayInputStream(input));
        try (ImageSource source = opened.orElseThrow()) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            ByteArrayOutputStream start = new ByteArrayOutputStream();
            long position = 0;
            int n;
            while (position < READ_LIMIT && (n = source.read(buffer.clear(), position)) >= 0) {
                if (start.size() < buffer.capacity()) {
                    start.write(buffer.array(), 0, Math.min(n, buffer.capacity() - start.size()));
                }
                position += n;
            }
            return start.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
