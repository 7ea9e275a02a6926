package org.bmaptool.io.signature;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bmaptool.ports.signature.KeySource;
import org.bmaptool.ports.signature.SignatureException;
import org.bmaptool.ports.signature.SignatureException.Reason;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.gpg.keybox.KeyBlob;
import org.bouncycastle.gpg.keybox.PublicKeyRingBlob;
import org.bouncycastle.gpg.keybox.bc.BcKeyBox;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The public keyrings of one {@link KeySource}, read in full: exported keyrings (armored,
 * binary, or several of either back to back, as {@code gpg --export} and
 * {@code pubring.gpg} hold them) and GnuPG keyboxes ({@code .kbx}, recognised by their
 * {@code KBXf} magic rather than their name). Secret keys and other packets are skipped.
 */
final class PublicKeyrings {
    private static final byte[] KEYBOX_MAGIC = "KBXf".getBytes(StandardCharsets.US_ASCII);

    private final List<PGPPublicKeyRing> rings;
    private final String description;

    private PublicKeyrings(List<PGPPublicKeyRing> rings, String description) {
        this.rings = List.copyOf(rings);
        this.description = description;
    }

    /**
     * Reads the keyrings of {@code source}. A missing {@code --keyring} file is an error; a
     * GnuPG home without some (or all) of its keyrings is not, since gpg makes them lazily.
     */
    static PublicKeyrings of(KeySource source) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        if (source instanceof KeySource.KeyringFile) {
            Path file = ((KeySource.KeyringFile) source).file();
            rings.addAll(read(file).orElseThrow(() -> new SignatureException(Reason.UNREADABLE_KEYS,
                    "cannot open keyring '" + file + "': no such file")));
        } else {
            Path home = ((KeySource.GnupgHome) source).directory();
            for (String name : KeySource.GNUPG_KEYRINGS) {
                read(home.resolve(name)).ifPresent(rings::addAll);
            }
        }
        return new PublicKeyrings(rings, source.description());
    }

    /** How messages name where the keys came from. */
    String description() {
        return description;
    }

    /** The first key, primary or subkey, with {@code keyId}, with the ring it belongs to. */
    Optional<KeyInRing> find(long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = ring.getPublicKey(keyId);
            if (key != null) {
                return Optional.of(new KeyInRing(ring, key));
            }
        }
        return Optional.empty();
    }

    /** A key and the ring (primary key, user ids, subkeys) it was found in. */
    record KeyInRing(PGPPublicKeyRing ring, PGPPublicKey key) {
    }

    private static Optional<List<PGPPublicKeyRing>> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SignatureException(Reason.UNREADABLE_KEYS, "cannot read keyring '" + file + "': " + e.getMessage(), e);
        }
        try {
            return Optional.of(isKeybox(bytes) ? readKeybox(bytes) : readKeyrings(bytes));
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SignatureException(Reason.UNREADABLE_KEYS, "cannot read keyring '" + file
                    + "': not an OpenPGP keyring or GnuPG keybox (" + e.getMessage() + ")", e);
        }
    }

    /** A keybox starts with its header blob: length (4 bytes), type 1, version, flags, then "KBXf". */
    private static boolean isKeybox(byte[] bytes) {
        return bytes.length >= 12 && bytes[4] == 1
                && Arrays.equals(bytes, 8, 12, KEYBOX_MAGIC, 0, KEYBOX_MAGIC.length);
    }

    private static List<PGPPublicKeyRing> readKeybox(byte[] bytes) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (KeyBlob blob : new BcKeyBox(bytes).getKeyBlobs()) {
            // X.509 blobs (gpgsm's certificates) share the keybox and are not OpenPGP keys.
            if (blob instanceof PublicKeyRingBlob) {
                rings.add(((PublicKeyRingBlob) blob).getPGPPublicKeyRing());
            }
        }
        return rings;
    }

    private static List<PGPPublicKeyRing> readKeyrings(byte[] bytes) throws IOException, PGPException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(bytes));
        while (true) {
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                break;
            }
            in.reset();
            if (Character.isWhitespace(first)) {
                in.skip(1);
            } else if (first == '-') {
                // Several armored blocks may follow each other; each needs its own decoder.
                ArmoredInputStream armored = new ArmoredInputStream(in);
                collect(armored, rings);
                drain(armored);
            } else {
                collect(in, rings);
                break;
            }
        }
        return rings;
    }

    private static void collect(InputStream in, List<PGPPublicKeyRing> rings) throws IOException {
        BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
        Object object;
        while ((object = objects.nextObject()) != null) {
            if (object instanceof PGPPublicKeyRing) {
                rings.add((PGPPublicKeyRing) object);
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // the armor's checksum line and footer
        }
    }
}
