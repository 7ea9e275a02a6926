package org.bmaptool.app.signature;

import java.nio.file.Path;
import java.util.Optional;
import org.bmaptool.ports.location.Location;

/**
 * The options of a request that decide how its bmap's signature is checked: what the
 * signature check reads of a copy request, so that it does not depend on the copy.
 */
public interface SignatureRequest {

    Location image();

    Optional<Location> bmapSignature();

    boolean noBmap();

    boolean noSignatureVerify();

    Optional<Path> keyring();

    Optional<String> fingerprint();
}
