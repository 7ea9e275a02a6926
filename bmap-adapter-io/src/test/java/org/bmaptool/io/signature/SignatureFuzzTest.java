package org.bmaptool.io.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bmaptool.io.OwnErrors;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.signature.FileContent;
import org.bmaptool.ports.signature.KeySource;
import org.junit.jupiter.api.Test;

/**
 * Feeds arbitrary bytes to the OpenPGP verifier as a clearsigned bmap (the armor parser,
 * the dash-escaping, the signature block) and as a detached signature (armored or binary
 * packets). The only acceptable failure is our own {@link PortException} with a one-line
 * message; anything else from Bouncy Castle leaking out is a bug. The keyring is fixed:
 * {@code fuzz-keyring.asc} (an Ed25519 and an RSA key) and the seed signatures were made
 * by {@code src/test/fuzz/make-seeds.sh} with the real gpg, so the seeds verify and the
 * fuzzer starts from inputs that reach the signature check itself.
 */
class SignatureFuzzTest {
    private static final KeySource KEYS = KeySource.keyring(resource("fuzz-keyring.asc"));
    private static final FileContent SIGNED;
    // Fixed, so that a finding replays the same way in any year.
    private static final OpenPgpVerifier VERIFIER = new OpenPgpVerifier(
            Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    static {
        try {
            SIGNED = new FileContent("fuzz-signed.bmap", Files.readAllBytes(resource("fuzz-signed.bmap")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void clearsignedFailsOnlyWithItsOwnError(byte[] document) {
        FileContent bmap = new FileContent("fuzz.bmap", document);
        try {
            VERIFIER.clearsignedText(bmap);
            VERIFIER.verifyClearsigned(bmap, KEYS, Optional.empty());
        } catch (PortException expected) {
            OwnErrors.assertOneLineMessage(expected);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void detachedFailsOnlyWithItsOwnError(byte[] signature) {
        try {
            VERIFIER.verifyDetached(SIGNED, new FileContent("fuzz.bmap.asc", signature), KEYS, Optional.empty());
        } catch (PortException expected) {
            OwnErrors.assertOneLineMessage(expected);
        }
    }

    /** The seeds are good signatures by the fixed keyring: fuzzing starts at the signature check itself. */
    @Test
    void seedsVerifyWithTheFuzzKeyring() throws IOException, URISyntaxException {
        Path seeds = Path.of(SignatureFuzzTest.class.getResource("SignatureFuzzTestInputs").toURI());
        for (String seed : List.of("fuzz-ed25519", "fuzz-rsa")) {
            byte[] clearsigned = Files.readAllBytes(seeds.resolve("clearsignedFailsOnlyWithItsOwnError/" + seed));
            assertEquals(seed + "@example.org", email(VERIFIER.verifyClearsigned(
                    new FileContent(seed, clearsigned), KEYS, Optional.empty()).userId()));
            for (String suffix : List.of(".asc", ".sig")) {
                byte[] detached = Files.readAllBytes(seeds.resolve("detachedFailsOnlyWithItsOwnError/" + seed + suffix));
                assertEquals(seed + "@example.org", email(VERIFIER.verifyDetached(SIGNED,
                        new FileContent(seed + suffix, detached), KEYS, Optional.empty()).userId()));
            }
        }
    }

    private static String email(String userId) {
        return userId.substring(userId.indexOf('<') + 1, userId.indexOf('>'));
    }

    private static Path resource(String name) {
        try {
            return Path.of(SignatureFuzzTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
