package org.bmaptool.io.signature;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.bmaptool.io.OwnErrors;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.signature.FileContent;
import org.bmaptool.ports.signature.KeySource;

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

    private static Path resource(String name) {
        try {
            return Path.of(SignatureFuzzTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
