package org.bmaptool.io.compression;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.bmaptool.io.compression.archive.ArchiveMember;
import org.bmaptool.io.compression.archive.ArchiveMember.UnusableArchiveException;
import org.bmaptool.io.compression.bytes.CountingInputStream;
import org.bmaptool.io.compression.parallel.UnitDecodingException;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.bmaptool.ports.source.ImageSource;

/**
 * Compressed images, decoded on the fly: the one entry point the image sources call with
 * the location the user typed and the stream of its bytes (a local file, a download).
 * The name says the format, as upstream bmaptool's does; the first bytes must then agree,
 * so that a mislabelled file fails at once with a clear message instead of feeding
 * garbage to the copy.
 */
public final class CompressedImages {

    private CompressedImages() {
    }

    /** {@link #openByName(Location, String, InputStream)} of a local file, named by its path. */
    public static Optional<ImageSource> openByName(String path, InputStream compressed) {
        return openByName(Location.parse(path), path, compressed);
    }

    /**
     * The decoded image when the path of {@code location} ends in a compression or
     * archive extension, else empty (and {@code compressed} is left untouched). Messages
     * call it {@code name}. The source owns {@code compressed} from then on; it is closed
     * on failure.
     *
     * @throws PortException when the bytes are not what the name says, or the archive
     *     holds no file
     */
    public static Optional<ImageSource> openByName(Location location, String name, InputStream compressed) {
        Optional<ImageFormat> format = ImageFormat.of(location);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(open(name, format.get(), compressed));
        } catch (RuntimeException e) {
            closeQuietly(compressed, e);
            throw e;
        }
    }

    private static ImageSource open(String name, ImageFormat format, InputStream compressed) {
        CountingInputStream counted = new CountingInputStream(compressed);
        Optional<Codec> codec = format.codec();
        try {
            byte[] head = new byte[Codec.MAGIC_LENGTH];
            int length = counted.peek(head, head.length);
            if (codec.isPresent()) {
                if (!codec.get().startsWith(head, length)) {
                    throw notWhatTheNameSays(name, codec.get().displayName() + " stream", length);
                }
            } else if (ArchiveMember.startsEmptyZip(head, length)) {
                throw new PortException("'" + name + "' is a zip archive with no entries");
            } else if (!ArchiveMember.startsZip(head, length)) {
                throw notWhatTheNameSays(name, "zip archive", length);
            }
            InputStream data = codec.isPresent() ? codec.get().decoder(counted) : counted;
            OptionalLong size = OptionalLong.empty();
            if (format.archive().isPresent()) {
                ArchiveMember member = format.archive().get().firstFile(data);
                data = member.data();
                size = member.size();
            }
            return new DecodedImageSource(name, size, data, compressed, e -> failure(name, format, counted, e));
        } catch (UnusableArchiveException e) {
            throw new PortException("'" + name + "'" + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PortException) {
                throw (PortException) e;
            }
            throw failure(name, format, counted, e);
        }
    }

    /** The one-line message for a stream that breaks off or does not decode. */
    static PortException failure(String name, ImageFormat format, CountingInputStream counted, Exception e) {
        // Library messages may quote names from inside the archive: control characters
        // there would break the one-line message or drive the terminal.
        long offset = counted.count();
        if (e instanceof UnitDecodingException) {
            // Decoded apart from the reading: the count of bytes read is ahead of the failure.
            offset = ((UnitDecodingException) e).offset();
            e = ((UnitDecodingException) e).failure();
        }
        String detail = (e.getMessage() != null ? e.getMessage()
                : e instanceof EOFException ? "unexpected end of data" : e.getClass().getSimpleName())
                .replaceAll("\\p{Cntrl}", "?");
        String lower = detail.toLowerCase(Locale.ROOT);
        boolean truncated = e instanceof EOFException || lower.contains("truncated")
                || lower.contains("end of stream") || lower.contains("unexpected end")
                || lower.contains("premature end");
        String what = format.description();
        if (truncated) {
            return new PortException("'" + name + "' is truncated: the " + what + " ends at compressed byte "
                    + offset + " (" + detail + ")", e);
        }
        return new PortException("'" + name + "' is corrupt: the " + what + " does not decode near compressed byte "
                + offset + " (" + detail + ")", e);
    }

    /** The first bytes are not what the name says: "'x.gz' is not a gzip stream". */
    private static PortException notWhatTheNameSays(String name, String what, int length) {
        return new PortException("'" + name + "' is not " + article(what) + " " + what
                + (length == 0 ? ": the file is empty" : ""));
    }

    /** "an xz", "an lzop", "a gzip": as the names are spoken. */
    private static String article(String word) {
        return "aeioulx".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static void closeQuietly(InputStream stream, RuntimeException failure) {
        try {
            stream.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
