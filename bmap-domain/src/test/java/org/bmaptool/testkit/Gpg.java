package org.bmaptool.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code gpg} in a throw-away home directory, in batch mode without
 * passphrases, to make keys and signatures for tests (the io adapter's tests cover every
 * key type and key state with it, the application's sign bmaps). Times given as
 * {@code 20200101T000000} run gpg with that faked system time, which is how tests make
 * keys that expired long ago.
 */
public final class Gpg implements AutoCloseable {
    private final Path home;

    private Gpg(Path home) {
        this.home = home;
    }

    /** The gpg on the PATH, if any. */
    public static Optional<Path> executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path gpg = Path.of(dir, "gpg");
            if (Files.isExecutable(gpg)) {
                return Optional.of(gpg);
            }
        }
        return Optional.empty();
    }

    /** Whether gpg is on the PATH. */
    public static boolean installed() {
        return executable().isPresent();
    }

    /** A new, empty home in {@code home} (created). */
    public static Gpg in(Path home) throws IOException {
        Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new Gpg(home);
    }

    public Path home() {
        return home;
    }

    /** Makes a key ({@code algorithm} as quick-gen-key takes it, e.g. rsa2048, ed25519) and returns its fingerprint. */
    public String generate(String userId, String algorithm, String usage, String expire, String fakedTime)
            throws IOException {
        run(fakedTime, "--quick-gen-key", userId, algorithm, usage, expire);
        return fingerprint(userId);
    }

    /** Makes an Ed25519 signing key for {@code userId} that never expires and returns its fingerprint. */
    public String generate(String userId) throws IOException {
        return generate(userId, "ed25519", "sign", "never", null);
    }

    public void addSubkey(String fingerprint, String algorithm, String usage) throws IOException {
        run(null, "--quick-add-key", fingerprint, algorithm, usage, "never");
    }

    public void setExpire(String fingerprint, String expire, String fakedTime) throws IOException {
        run(fakedTime, "--quick-set-expire", fingerprint, expire);
    }

    /** Imports the revocation certificate gpg stored when it made the key: revokes it. */
    public void revoke(String fingerprint) throws IOException {
        Path stored = home.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
        // gpg prefixes the armor line with ':' so that the certificate is not imported by mistake.
        String certificate = Files.readString(stored).replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----",
                "-----BEGIN PGP PUBLIC KEY BLOCK-----");
        Path file = home.resolve(fingerprint + ".rev.asc");
        Files.writeString(file, certificate);
        run(null, "--import", file.toString());
    }

    public String fingerprint(String userId) throws IOException {
        for (String line : run(null, "--with-colons", "--list-keys", userId).split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new IOException("no key for " + userId);
    }

    /** The fingerprint of the newest subkey of {@code fingerprint}. */
    public String subkeyFingerprint(String fingerprint) throws IOException {
        String last = null;
        boolean inSubkey = false;
        for (String line : run(null, "--with-colons", "--list-keys", fingerprint).split("\n")) {
            if (line.startsWith("sub:")) {
                inSubkey = true;
            } else if (line.startsWith("fpr:") && inSubkey) {
                last = line.split(":")[9];
                inSubkey = false;
            }
        }
        return last;
    }

    /** A detached signature of {@code file} by {@code key} (fingerprint; '!' for exactly that subkey). */
    public Path detachSign(String key, Path file, boolean armor, String fakedTime) throws IOException {
        Path signature = Path.of(file + (armor ? ".asc" : ".sig"));
        Files.deleteIfExists(signature);
        run(fakedTime, "--local-user", key, armor ? "--armor" : "--no-armor", "--output", signature.toString(),
                "--detach-sign", file.toString());
        return signature;
    }

    /** A detached signature of {@code file} by {@code key} in {@code signature}, armored or binary. */
    public Path detachSign(String key, Path file, Path signature, boolean armor) throws IOException {
        Files.deleteIfExists(signature);
        run(null, "--local-user", key, armor ? "--armor" : "--no-armor", "--output", signature.toString(),
                "--detach-sign", file.toString());
        return signature;
    }

    public Path clearsign(String key, Path file, Path output) throws IOException {
        Files.deleteIfExists(output);
        run(null, "--local-user", key, "--output", output.toString(), "--clearsign", file.toString());
        return output;
    }

    /** What gpg itself recovers from a clearsigned file. */
    public byte[] decrypt(Path clearsigned) throws IOException {
        Path out = Path.of(clearsigned + ".out");
        Files.deleteIfExists(out);
        run(null, "--output", out.toString(), "--decrypt", clearsigned.toString());
        return Files.readAllBytes(out);
    }

    /** Exports the public keys named (all when none are) into {@code file}. */
    public Path export(Path file, boolean armor, String... keys) throws IOException {
        Files.deleteIfExists(file);
        List<String> args = new ArrayList<>(List.of(armor ? "--armor" : "--no-armor", "--output", file.toString(),
                "--export"));
        args.addAll(List.of(keys));
        run(null, args.toArray(String[]::new));
        return file;
    }

    /** Exports the public keys named (all when none are) into {@code file}, binary. */
    public Path export(Path file, String... keys) throws IOException {
        return export(file, false, keys);
    }

    /** The public keys in gpg's legacy keyring format ({@code pubring.gpg} of gpg 1.x, with trust packets). */
    public Path legacyKeyring(Path file) throws IOException {
        Path export = export(Path.of(file + ".export"), false);
        Files.deleteIfExists(file);
        run(null, "--no-default-keyring", "--keyring", "gnupg-ring:" + file, "--import", export.toString());
        return file;
    }

    public String run(String fakedTime, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes",
                "--no-auto-check-trustdb", "--pinentry-mode", "loopback", "--passphrase", ""));
        if (fakedTime != null) {
            command.add("--faked-system-time");
            command.add(fakedTime + "!");
        }
        command.addAll(List.of(args));
        Path log = Files.createTempFile("gpg", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
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
