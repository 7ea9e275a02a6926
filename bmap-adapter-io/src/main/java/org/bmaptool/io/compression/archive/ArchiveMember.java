package org.bmaptool.io.compression.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.bmaptool.io.compression.bytes.ByteStreams;

/**
 * The image inside an archive: the first regular file of a tar archive (a sparse GNU or
 * PAX member comes out with its holes filled with zeros) or the first file entry of a
 * zip archive (stored, deflated, ZIP64), read as a stream front to back.
 *
 * @param data the member's bytes
 * @param size its length, when the archive says it
 * @param memberName its name inside the archive, for messages
 */
public record ArchiveMember(InputStream data, OptionalLong size, String memberName) {

    private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
    private static final byte[] ZIP_END = {'P', 'K', 5, 6};

    /** Whether {@code head} (the first {@code length} bytes of the file) starts a zip archive's first entry. */
    public static boolean startsZip(byte[] head, int length) {
        return length >= ZIP_ENTRY.length && Arrays.equals(head, 0, ZIP_ENTRY.length, ZIP_ENTRY, 0, ZIP_ENTRY.length);
    }

    /** Whether {@code head} starts with the end of a zip archive's directory: a zip archive of no entries. */
    public static boolean startsEmptyZip(byte[] head, int length) {
        return length >= ZIP_END.length && Arrays.equals(head, 0, ZIP_END.length, ZIP_END, 0, ZIP_END.length);
    }

    /** The archive is not one, or holds no file: {@code complaint} follows the file's name. */
    public static final class UnusableArchiveException extends IOException {
        private static final long serialVersionUID = 1L;

        UnusableArchiveException(String complaint, Throwable cause) {
            super(complaint, cause);
        }
    }

    /** The first regular file of the tar archive {@code tarBytes}; at its end the rest of the archive is read. */
    public static ArchiveMember firstTarFile(InputStream tarBytes) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(new FullReads(tarBytes));
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException e) {
            // A header that does not parse (the decoder's own failures pass through).
            if (e.getCause() instanceof IllegalArgumentException
                    || String.valueOf(e.getMessage()).contains("parsing the header")) {
                throw new UnusableArchiveException(" is not a tar archive", e);
            }
            throw e;
        }
        for (; entry != null; entry = tar.getNextEntry()) {
            if (entry.isFile() && !entry.isLink()) {
                long size = entry.isSparse() ? entry.getRealSize() : entry.getSize();
                return new ArchiveMember(new ThenDrained(tar, tarBytes), OptionalLong.of(size), entry.getName());
            }
        }
        throw new UnusableArchiveException(": the tar archive holds no regular file", null);
    }

    /**
     * Reads that return short only at the end. Commons Compress (1.28) takes a short read
     * inside a sparse tar member for the end of a data region and moves on to the next
     * one, which misplaces the rest of the member; a decoder's reads are often short.
     */
    private static final class FullReads extends FilterInputStream {
        FullReads(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = in.readNBytes(target, offset, length);
            return n == 0 && length > 0 ? -1 : n;
        }
    }

    /**
     * A tar member's bytes, and at their end the rest of the archive decoded to its end:
     * the compression's checksums (gzip's CRC-32, xz's, zstd's) come at the end of the
     * stream, and a corrupt member would otherwise pass unchecked. {@code tar -xO}, which
     * upstream runs, reads the whole archive too.
     */
    private static final class ThenDrained extends FilterInputStream {
        private final InputStream rest;

        ThenDrained(InputStream member, InputStream rest) {
            super(member);
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return ByteStreams.readOne(this);
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = in.read(target, offset, length);
            if (n < 0) {
                rest.transferTo(OutputStream.nullOutputStream());
            }
            return n;
        }
    }

    /** A zip entry's bytes, checked against its CRC-32 at the end (the reader does not check it). */
    private static final class CrcChecked extends FilterInputStream {
        private final ZipArchiveEntry entry;
        private final CRC32 crc = new CRC32();

        CrcChecked(InputStream in, ZipArchiveEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            return ByteStreams.readOne(this);
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = in.read(target, offset, length);
            if (n > 0) {
                crc.update(target, offset, n);
            } else if (n < 0 && entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
                throw new ZipException("CRC-32 mismatch in zip entry " + entry.getName());
            }
            return n;
        }
    }

    /** The first file entry of the zip archive {@code zipBytes}, checked against its CRC-32. */
    public static ArchiveMember firstZipFile(InputStream zipBytes) throws IOException {
        // Stored entries written to a pipe carry their size only after the data: allow them.
        ZipArchiveInputStream zip = new ZipArchiveInputStream(zipBytes, "UTF-8", true, true);
        ZipArchiveEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (!entry.isDirectory()) {
                long size = entry.getSize();
                return new ArchiveMember(new CrcChecked(zip, entry), size >= 0 ? OptionalLong.of(size)
                        : OptionalLong.empty(), entry.getName());
            }
        }
        throw new UnusableArchiveException(": the zip archive holds no file", null);
    }
}
