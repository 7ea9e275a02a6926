package org.bmaptool.app.signature;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.bmaptool.app.failure.CommandException;
import org.bmaptool.app.failure.UsageError;
import org.bmaptool.app.report.Report;
import org.bmaptool.app.common.ExplicitFile;
import org.bmaptool.app.common.Ports;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.signature.FileContent;
import org.bmaptool.ports.signature.Fingerprint;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.ports.signature.SignatureException.Reason;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.ports.signature.VerifiedSignature;
import org.bmaptool.ports.source.ImageSources;

/**
 * The bmap's OpenPGP signature, checked as upstream bmaptool 3.9 does before anything
 * else of the copy happens: a clearsigned bmap is verified and its signed text used; else
 * a detached signature ({@code --bmap-sig}, or found beside the bmap) is verified; with
 * {@code --no-sig-verify} nothing is verified. Keys come from {@code --keyring} or the
 * user's GnuPG home; {@code --fingerprint} names the key that must have signed.
 */
public final class BmapSignatureCheck {
    private final SignatureVerifier verifier;
    private final ImageSources sources;
    private final Report console;
    private final Map<String, String> environment;
    private final Path userHome;

    public BmapSignatureCheck(Ports ports, Report console) {
        this(ports, console, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** With the environment and home directory that locate the user's GnuPG keys. */
    public BmapSignatureCheck(Ports ports, Report console, Map<String, String> environment, Path userHome) {
        this.verifier = ports.signatures();
        this.sources = ports.sources();
        this.console = console;
        this.environment = environment;
        this.userHome = userHome;
    }

    /** Rejects signature options that contradict each other or the rest of the request. */
    public static void checkOptions(SignatureRequest request) {
        if (request.bmapSignature().isPresent() && request.noSignatureVerify()) {
            throw new CommandException("--bmap-sig and --no-sig-verify cannot be used together");
        }
        if (request.noSignatureVerify() && request.keyring().isPresent()) {
            throw new CommandException("--no-sig-verify and --keyring cannot be used together");
        }
        if (request.noSignatureVerify() && request.fingerprint().isPresent()) {
            throw new CommandException("--no-sig-verify and --fingerprint cannot be used together");
        }
        if (request.bmapSignature().isPresent() && request.noBmap()) {
            throw new CommandException("the bmap signature file was specified, but bmap file was not found");
        }
        request.fingerprint().ifPresent(BmapSignatureCheck::fingerprint);
    }

    /**
     * The bmap to parse: {@code bmap} itself once its detached signature (if any) is
     * verified, or the text inside a clearsigned bmap.
     *
     * @throws CommandException or a {@link org.bmaptool.ports.PortException} when the signature is not accepted
     */
    public byte[] verifiedBmap(SignatureRequest request, Location bmapLocation, byte[] bmap) {
        checkOptions(request);
        FileContent content = new FileContent(bmapLocation.masked(), bmap);
        if (verifier.isClearsigned(bmap)) {
            console.info("discovered inline signature");
            if (request.bmapSignature().isPresent()) {
                throw new CommandException("the bmap file has clearsign format and already contains the signature,"
                        + " so --bmap-sig option should not be used");
            }
            if (request.noSignatureVerify()) {
                console.warning("the clearsign signature of bmap file '" + bmapLocation.masked()
                        + "' is not verified (--no-sig-verify)");
                return verifier.clearsignedText(content);
            }
            return report(request, () -> verifier.verifyClearsigned(content, keys(request), expected(request)))
                    .signedText();
        }
        if (request.noSignatureVerify()) {
            console.warning("bmap file signature verification is disabled (--no-sig-verify)");
            return bmap;
        }
        Optional<FileContent> signature = findSignature(request, bmapLocation);
        if (signature.isEmpty()) {
            if (request.keyring().isPresent() || request.fingerprint().isPresent()) {
                // Upstream's words first, --fingerprint before --keyring as upstream checks them.
                throw new CommandException("no signature found but "
                        + (request.fingerprint().isPresent() ? "--fingerprint" : "--keyring")
                        + " given: none for bmap file '" + bmapLocation.masked() + "' (looked for "
                        + String.join(", ", signatureCandidates(request.image(), bmapLocation)
                        .stream().map(Location::masked).toList()) + "); use --bmap-sig to name it");
            }
            console.debug("no signature found for bmap file '" + bmapLocation.masked() + "'");
            return bmap;
        }
        report(request, () -> verifier.verifyDetached(content, signature.get(), keys(request), expected(request)));
        return bmap;
    }

    private Optional<FileContent> findSignature(SignatureRequest request, Location bmapLocation) {
        if (request.bmapSignature().isPresent()) {
            Location location = request.bmapSignature().get();
            byte[] bytes = ExplicitFile.read(sources, location, "bmap signature file");
            return Optional.of(new FileContent(location.masked(), bytes));
        }
        for (Location candidate : signatureCandidates(request.image(), bmapLocation)) {
            Optional<byte[]> bytes = sources.readIfExists(candidate);
            if (bytes.isPresent()) {
                console.info("discovered signature file for bmap '" + candidate.masked() + "'");
                return Optional.of(new FileContent(candidate.masked(), bytes.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * BMAP.asc, BMAP.sig, then IMAGE with each extension removed in turn plus .asc and
     * .sig (IMAGE.asc itself would be the image's own signature, so it is not tried). The
     * suffixes go on the path: a URL's query string stays last.
     */
    public static List<Location> signatureCandidates(Location image, Location bmapLocation) {
        Set<Location> names = new LinkedHashSet<>();
        names.add(bmapLocation.sibling(".asc"));
        names.add(bmapLocation.sibling(".sig"));
        Location longer = image;
        for (Location base = image.withoutExtension(); !base.equals(longer); base = base.withoutExtension()) {
            names.add(base.sibling(".asc"));
            names.add(base.sibling(".sig"));
            longer = base;
        }
        return new ArrayList<>(names);
    }

    private VerifiedSignature report(SignatureRequest request, Supplier<VerifiedSignature> verification) {
        VerifiedSignature verified;
        try {
            verified = verification.get();
        } catch (SignatureException e) {
            throw new SignatureException(e.reason(), upstreamWords(request, e.reason()) + e.getMessage(), e);
        }
        console.info("successfully verified bmap file signature of " + verified.userId() + " (fingerprint "
                + verified.fingerprint() + ")");
        verified.notes().forEach(console::warning);
        return verified;
    }

    /**
     * What upstream (through GPGME) starts its message with when a signature is not
     * accepted, so that scripts matching upstream's words still match; ours follows.
     */
    static String upstreamWords(SignatureRequest request, Reason reason) {
        switch (reason) {
            case UNEXPECTED_SIGNER:
                return "requested fingerprint " + request.fingerprint().orElse("") + " did not sign the bmap file: ";
            case MALFORMED:
                return "failure when trying to verify GPG signature: ";
            case UNREADABLE_KEYS:
                // Upstream has no message of its own for a keyring it cannot read.
                return "";
            default:
                // GPGME reports every other rejection (bad, unknown key, expired, revoked) as BadSignatures.
                return "discovered a BAD GPG signature: ";
        }
    }

    private KeySource keys(SignatureRequest request) {
        return request.keyring().map(KeySource::keyring).orElseGet(() -> KeySource.user(environment, userHome));
    }

    private static Optional<Fingerprint> expected(SignatureRequest request) {
        return request.fingerprint().map(BmapSignatureCheck::fingerprint);
    }

    private static Fingerprint fingerprint(String typed) {
        try {
            return Fingerprint.parse(typed);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--fingerprint: " + e.getMessage(), e);
        }
    }
}
