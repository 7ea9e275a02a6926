package org.bmaptool.io;

import org.bmaptool.io.signature.OpenPgpVerifier;
import org.bmaptool.io.source.LocationSources;
import org.bmaptool.ports.signature.SignatureVerifier;
import org.bmaptool.ports.source.ImageSources;

/**
 * The I/O adapters, as the application wires them: each method returns a port whose
 * implementation stays inside this module.
 */
public final class IoAdapters {

    private IoAdapters() {
    }

    /** Images and their companion files by path, {@code -} or URL. */
    public static ImageSources imageSources() {
        return new LocationSources();
    }

    /** OpenPGP verification of detached and clearsigned bmaps, in-process (Bouncy Castle). */
    public static SignatureVerifier signatureVerifier() {
        return new OpenPgpVerifier();
    }
}
