package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a folder with its SHA-256 (directories and links by kind), so a test
 * can show that a failed copy wrote nothing but its destination. Files are read whole:
 * for the small trees of tests only.
 */
public record TreeSnapshot(Path root, Map<String, String> entries) {

    /** The tree under {@code root} now. */
    public static TreeSnapshot of(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    entries.put(name, "link to " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, "directory");
                } else {
                    entries.put(name, sha256(path));
                }
            }
        }
        return new TreeSnapshot(root, entries);
    }

    /** Asserts that the tree is as it was, but for the paths in {@code changed} (which may be new, changed or gone). */
    public void assertUnchangedExcept(Path... changed) throws IOException {
        Map<String, String> before = new TreeMap<>(entries);
        Map<String, String> after = new TreeMap<>(of(root).entries());
        for (String name : Arrays.stream(changed).map(path -> root.relativize(path.toAbsolutePath()).toString())
                .toList()) {
            before.remove(name);
            after.remove(name);
        }
        assertEquals(before, after, "nothing was written under " + root + " but " + Arrays.toString(changed));
    }

    /** The SHA-256 of a file or a block device's contents, in hex. */
    public static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
