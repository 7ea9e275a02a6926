package org.bmaptool.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.bmaptool.testkit.ProjectLayout;

/** Upstream's test image and its bmaps, ready to use in a test's folder. */
public final class TestImages {

    private TestImages() {
    }

    /** Upstream's test image, decompressed into {@code dir} (821,752 bytes). */
    public static Path upstreamImage(Path dir) throws IOException {
        Path raw = dir.resolve("test.image");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ProjectLayout.testdata().resolve("test.image.gz")))) {
            Files.copy(in, raw);
        }
        return raw;
    }

    /**
     * Upstream's test image made sparse again, as {@code testdata/README.md} says its
     * {@code created-3.9} bmaps were made: copied by the launcher with its v2.0 bmap into
     * {@code dir/test.sparse.image}, so only the mapped blocks hold data.
     */
    public static Path sparseUpstreamImage(Path dir) throws IOException, InterruptedException {
        Path raw = upstreamImage(dir);
        Path sparse = dir.resolve("test.sparse.image");
        Launcher.Result copied = Launcher.run(dir, "copy", "--bmap", upstreamBmap("v2.0").toString(), raw.toString(),
                sparse.toString());
        if (copied.exitCode() != 0) {
            throw new IOException("bmaptool copy of the test image failed: " + copied.err());
        }
        Files.delete(raw);
        return sparse;
    }

    /** Upstream's bmap of the test image in format {@code version} ("v1.2", "v1.3", "v1.4", "v2.0"). */
    public static Path upstreamBmap(String version) {
        return ProjectLayout.testdata().resolve("test.image.bmap." + version);
    }

    /** Size of {@link #textImage}: 4 MiB, of which 1.5 MiB hold data. */
    public static final long TEXT_IMAGE_SIZE = 4L << 20;

    /** The bmaps made so far, by seed: the launcher's {@code create} runs once per seed and JVM. */
    private static final java.util.Map<Long, String> BMAPS = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link #textImage(Path, String, long)} named {@code disk.img}, of the one seed most tests share. */
    public static Path textImage(Path dir) throws IOException, InterruptedException {
        return textImage(dir, "disk.img", 1);
    }

    /**
     * A sparse 4 MiB image in {@code dir} with three 512 KiB runs of seeded random words
     * (so it compresses, like real data, into a stream that a flipped bit can derail),
     * the rest holes, and its bmap beside it ({@code NAME.bmap}, made by the launcher).
     */
    public static Path textImage(Path dir, String name, long seed) throws IOException, InterruptedException {
        Path image = dir.resolve(name);
        java.util.Random random = new java.util.Random(seed);
        String[] words = new String[500];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int length = 2 + random.nextInt(7); word.length() < length; ) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(TEXT_IMAGE_SIZE);
            for (long start : new long[] {0, 1 << 20, 3 << 20}) {
                StringBuilder text = new StringBuilder();
                while (text.length() < 512 << 10) {
                    text.append(words[random.nextInt(words.length)]).append(' ');
                }
                file.seek(start);
                file.write(text.substring(0, 512 << 10).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        String bmap = BMAPS.get(seed);
        if (bmap == null) {
            Launcher.Result created = Launcher.run(dir, "create", name);
            if (created.exitCode() != 0) {
                throw new IOException("bmaptool create " + name + " failed: " + created.err());
            }
            bmap = created.out();
            BMAPS.put(seed, bmap);
        }
        Files.writeString(dir.resolve(name + ".bmap"), bmap);
        return image;
    }

    /** {@code image} compressed with the JDK's gzip into {@code gz}. */
    public static Path gzip(Path image, Path gz) throws IOException {
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(image, out);
        }
        return gz;
    }
}
