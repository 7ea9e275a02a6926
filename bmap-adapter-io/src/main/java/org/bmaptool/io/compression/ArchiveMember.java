package org.bmaptool.io.compression;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * The image inside an archive: the first regular file of a tar archive (a sparse GNU or
 * PAX member comes out with its holes filled with zeros) or the first file entry of a
 * zip archive (stored, deflated, ZIP64), read as a stream front to back.
 *
 * @param data the member's bytes
 * @param size its length, when the archive says it
 * @param memberName its name inside the archive, for messages
 */
record ArchiveMember(InputStream data, OptionalLong size, String memberName) {

    /** Thrown when the archive holds no file at all. */
    static final class NoMemberException extends IOException {
        private static final long serialVersionUID = 1L;

        NoMemberException(String message) {
            super(message);
        }
    }

    static ArchiveMember firstTarFile(InputStream tarBytes) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(new FullReads(tarBytes));
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.isFile() && !entry.isLink()) {
                long size = entry.isSparse() ? entry.getRealSize() : entry.getSize();
                return new ArchiveMember(tar, OptionalLong.of(size), entry.getName());
            }
        }
        throw new NoMemberException("the tar archive holds no regular file");
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

    static ArchiveMember firstZipFile(InputStream zipBytes) throws IOException {
        // Stored entries written to a pipe carry their size only after the data: allow them.
        ZipArchiveInputStream zip = new ZipArchiveInputStream(zipBytes, "UTF-8", true, true);
        ZipArchiveEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (!entry.isDirectory()) {
                long size = entry.getSize();
                return new ArchiveMember(zip, size >= 0 ? OptionalLong.of(size) : OptionalLong.empty(),
                        entry.getName());
            }
        }
        throw new NoMemberException("the zip archive holds no file");
    }
}
