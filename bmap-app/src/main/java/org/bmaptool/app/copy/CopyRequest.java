package org.bmaptool.app.copy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code bmaptool copy} was asked, option for option as upstream bmaptool 3.9 spells
 * them: the image location (path, {@code -} or URL), the destination, and the bmap,
 * signature, verification and device options.
 */
public record CopyRequest(
        String image,
        Path destination,
        Optional<String> bmap,
        Optional<String> bmapSignature,
        boolean noBmap,
        boolean noSignatureVerify,
        boolean noVerify,
        Optional<Path> psplashPipe,
        boolean removableDevice,
        Optional<Path> keyring,
        Optional<String> fingerprint) {
}
