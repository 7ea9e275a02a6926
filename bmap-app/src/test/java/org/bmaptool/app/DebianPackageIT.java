package org.bmaptool.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as a Debian user meets it: installed, run, found by man, linted and purged. It is
 * installed into a scratch root with a dpkg database of its own, never the machine's (which
 * holds Debian's bmap-tools, which the package conflicts with).
 */
class DebianPackageIT {

    /** What one command printed (stdout and stderr together) and how it ended. */
    record Run(int exitCode, String output) {
    }

    @TempDir
    Path dir;

    private Path deb;

    @BeforeEach
    void findThePackage() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package, even into a scratch root, needs root");
        for (String tool : new String[] {"dpkg", "dpkg-deb", "dpkg-shlibdeps", "lintian", "man"}) {
            assumeTrue(onPath(tool), tool + " is not installed (the build makes the .deb with dpkg-dev)");
        }
        String arch = run(Map.of(), "dpkg", "--print-architecture").output().trim();
        // The Debian spelling of the Maven version: 1.0.0-SNAPSHOT sorts before 1.0.0 as 1.0.0~SNAPSHOT.
        String version = System.getProperty("bmaptool.version").replaceFirst("-", "~");
        deb = Path.of(System.getProperty("bmaptool.release.dir"), "bmaptool_" + version + "_" + arch + ".deb");
        assertTrue(Files.isRegularFile(deb), "the build made no " + deb);
    }

    @Test
    void installsIntoARootOfItsOwnRunsAndPurgesWithoutATrace() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path admin = root.resolve("var/lib/dpkg");
        Files.createDirectories(admin.resolve("info"));
        Files.createDirectories(admin.resolve("updates"));
        Files.createFile(admin.resolve("status"));
        Map<String, String> before = outsideDpkgsDatabase(TreeSnapshot.of(root));
        String machineStatus = TreeSnapshot.sha256(Path.of("/var/lib/dpkg/status"));

        // --root: instdir ROOT, admindir ROOT/var/lib/dpkg. --log: else dpkg appends to the
        // machine's /var/log/dpkg.log. --force-depends: libc6 and the rest are installed on
        // the machine, not in the scratch database. The package has no maintainer scripts,
        // so nothing runs chrooted and no --force-script-chrootless is needed.
        List<String> dpkg = List.of("dpkg", "--root=" + root, "--log=/dev/null", "--force-depends");
        Run installed = run(Map.of(), concat(dpkg, "--install", deb.toString()));
        assertEquals(0, installed.exitCode(), installed.output());
        Run status = run(Map.of(), concat(dpkg, "--status", "bmaptool"));
        assertTrue(status.output().contains("Status: install ok installed"), status.output());

        Path bmaptool = root.resolve("usr/bin/bmaptool");
        assertTrue(Files.isSymbolicLink(bmaptool), bmaptool + " links to the launcher");
        // -Xshare:on fails unless the class-data archive maps: stripping and packing kept it valid.
        Run version = run(Map.of("BMAPTOOL_JAVA_OPTS", "-Xshare:on"), bmaptool.toString(), "--version");
        assertEquals("bmaptool " + System.getProperty("bmaptool.version") + "\n", version.output());
        Path image = sparseImage(dir.resolve("disk.img"));
        Run created = run(Map.of(), bmaptool.toString(), "create", "-o", dir.resolve("disk.img.bmap").toString(),
                image.toString());
        assertEquals(0, created.exitCode(), created.output());
        Path copy = dir.resolve("copy.img");
        Run copied = run(Map.of(), bmaptool.toString(), "copy", image.toString(), copy.toString());
        assertEquals(0, copied.exitCode(), copied.output());
        assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(copy));

        Run man = run(Map.of("MANPATH", root.resolve("usr/share/man").toString()), "man", "-w", "bmaptool");
        assertEquals(root.resolve("usr/share/man/man1/bmaptool.1.gz") + "\n", man.output());
        Path completion = root.resolve("usr/share/bash-completion/completions/bmaptool");
        assertTrue(Files.readString(completion).contains("--nobmap"), completion.toString());
        assertTrue(Files.readString(root.resolve("usr/share/doc/bmaptool/copyright"))
                .startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"));
        assertTrue(Files.isRegularFile(root.resolve("usr/share/doc/bmaptool/changelog.gz")));

        Run purged = run(Map.of(), concat(dpkg, "--purge", "bmaptool"));
        assertEquals(0, purged.exitCode(), purged.output());
        assertEquals(before, outsideDpkgsDatabase(TreeSnapshot.of(root)), "the purge left files behind");
        try (Stream<Path> info = Files.list(admin.resolve("info"))) {
            assertTrue(info.noneMatch(f -> f.getFileName().toString().startsWith("bmaptool.")), "dpkg's file lists remain");
        }
        assertFalse(run(Map.of(), concat(dpkg, "--status", "bmaptool")).output().contains("Status: install"));
        assertEquals(machineStatus, TreeSnapshot.sha256(Path.of("/var/lib/dpkg/status")), "the machine's dpkg database changed");
    }

    @Test
    void lintianReportsNoError() throws Exception {
        Run lintian = run(Map.of(), "lintian", deb.toString());
        assertTrue(lintian.output().lines().noneMatch(line -> line.startsWith("E:")), lintian.output());
        // Warnings too: each one the runtime image brings is overridden in
        // src/release/deb/lintian-overrides with the reason, the rest are fixed.
        assertTrue(lintian.output().lines().noneMatch(line -> line.startsWith("W:")), lintian.output());
        assertEquals(0, lintian.exitCode(), lintian.output());
    }

    /** 4 MiB with two 64 KiB runs of data, the rest holes. */
    private static Path sparseImage(Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(4 << 20);
            byte[] data = new byte[64 << 10];
            new java.util.Random(14).nextBytes(data);
            file.write(data);
            file.seek(3 << 20);
            file.write(data);
        }
        return path;
    }

    /** A tree's entries but dpkg's own database, which keeps its lock, triggers and status-old. */
    private static Map<String, String> outsideDpkgsDatabase(TreeSnapshot snapshot) {
        Map<String, String> entries = new TreeMap<>(snapshot.entries());
        entries.keySet().removeIf(name -> name.startsWith("var/lib/dpkg/"));
        return entries;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> command = new ArrayList<>(head);
        command.addAll(List.of(tail));
        return command;
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        return run(env, List.of(command));
    }

    private static Run run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }
}
