package org.bmaptool.ports.signature;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the public keys that may sign a bmap come from: one keyring file the user names
 * ({@code --keyring}: an exported keyring, armored or binary, or a GnuPG keybox), or a
 * GnuPG home directory whose public keyrings are all read ({@code pubring.kbx},
 * {@code pubring.gpg}, and {@code trustedkeys.kbx}/{@code trustedkeys.gpg} as
 * {@code gpgv} uses them).
 */
public sealed interface KeySource permits KeySource.KeyringFile, KeySource.GnupgHome {

    /** The files of a GnuPG home that hold public keys, in the order they are searched. */
    List<String> GNUPG_KEYRINGS = List.of("pubring.kbx", "pubring.gpg", "trustedkeys.kbx", "trustedkeys.gpg");

    /** How a message names this source. */
    String description();

    /** One keyring file. */
    record KeyringFile(Path file) implements KeySource {
        @Override
        public String description() {
            return "keyring '" + file + "'";
        }
    }

    /** A GnuPG home directory. */
    record GnupgHome(Path directory) implements KeySource {
        @Override
        public String description() {
            return "GnuPG home '" + directory + "' (" + String.join(", ", GNUPG_KEYRINGS) + ")";
        }
    }

    static KeySource keyring(Path file) {
        return new KeyringFile(file);
    }

    /** The user's GnuPG home, as gpg finds it: {@code $GNUPGHOME}, else {@code ~/.gnupg}. */
    static KeySource user(Map<String, String> environment, Path userHome) {
        String home = environment.get("GNUPGHOME");
        return new GnupgHome(home != null && !home.isEmpty() ? Path.of(home) : userHome.resolve(".gnupg"));
    }
}
