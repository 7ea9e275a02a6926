package org.bmaptool.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code gpg} in a throw-away home directory, in batch mode without
 * passphrases, to sign bmaps in tests of the copy command (the adapter's own tests
 * cover every key type and key state).
 */
public final class Gpg implements AutoCloseable {
    private final Path home;

    private Gpg(Path home) {
        this.home = home;
    }

    /** Whether gpg is on the PATH. */
    public static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "gpg"))) {
                return true;
            }
        }
        return false;
    }

    /** A new, empty home in {@code home} (created). */
    public static Gpg in(Path home) throws IOException {
        Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new Gpg(home);
    }

    public Path home() {
        return home;
    }

    /** Makes an Ed25519 signing key for {@code userId} and returns its fingerprint. */
    public String generate(String userId) throws IOException {
        run("--quick-gen-key", userId, "ed25519", "sign", "never");
        for (String line : run("--with-colons", "--list-keys", userId).split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new IOException("no key for " + userId);
    }

    /** A detached signature of {@code file} by {@code key} in {@code signature}, armored or binary. */
    public Path detachSign(String key, Path file, Path signature, boolean armor) throws IOException {
        Files.deleteIfExists(signature);
        run("--local-user", key, armor ? "--armor" : "--no-armor", "--output", signature.toString(), "--detach-sign",
                file.toString());
        return signature;
    }

    public Path clearsign(String key, Path file, Path output) throws IOException {
        Files.deleteIfExists(output);
        run("--local-user", key, "--output", output.toString(), "--clearsign", file.toString());
        return output;
    }

    /** Exports the public keys named (all when none are) into {@code file}, binary. */
    public Path export(Path file, String... keys) throws IOException {
        Files.deleteIfExists(file);
        List<String> args = new ArrayList<>(List.of("--output", file.toString(), "--export"));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
        return file;
    }

    private String run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes",
                "--no-auto-check-trustdb", "--pinentry-mode", "loopback", "--passphrase", ""));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("gpg", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(log.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Stops the agent gpg started for this home. */
    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
