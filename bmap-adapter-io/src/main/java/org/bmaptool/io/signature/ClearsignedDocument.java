package org.bmaptool.io.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.bouncycastle.bcpg.ArmoredInputStream;

/**
 * A clearsigned document taken apart: the text as gpg recovers it (dash-escapes and the
 * blanks at line ends, which the signature does not cover, removed; line endings as
 * written, so a bmap's own checksum still matches), the bytes
 * the signature covers (RFC 4880 §7.1: trailing blanks dropped, lines joined with CR LF,
 * no final line ending), and the signature packets that follow.
 */
record ClearsignedDocument(byte[] text, byte[] canonicalText, byte[] signaturePackets) {

    /**
     * Parses {@code document}.
     *
     * @throws IOException when it is not a clearsigned document
     */
    static ClearsignedDocument parse(byte[] document) throws IOException {
        ArmoredInputStream armored = new ArmoredInputStream(new ByteArrayInputStream(document));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int c = armored.read();
        if (!armored.isClearText()) {
            throw new IOException("no clear text after the '-----BEGIN PGP SIGNED MESSAGE-----' header");
        }
        // The stream leaves clear-text mode on the dash that starts the signature's
        // armor header; that dash is not text.
        while (c >= 0 && armored.isClearText()) {
            text.write(c);
            c = armored.read();
        }
        if (c < 0) {
            throw new IOException("no '-----BEGIN PGP SIGNATURE-----' block after the signed text");
        }
        byte[] signature = armored.readAllBytes();
        if (signature.length == 0) {
            throw new IOException("the signature block is empty");
        }
        byte[] bytes = withoutTrailingBlanks(text.toByteArray());
        return new ClearsignedDocument(bytes, canonical(bytes), signature);
    }

    /** The signed form of {@code text}: its last line ending belongs to the armor, not to the text. */
    static byte[] canonical(byte[] text) {
        int end = text.length;
        if (end > 0 && text[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && text[end - 1] == '\r') {
            end--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end + end / 32);
        int lineStart = 0;
        int i = 0;
        while (true) {
            boolean atEnd = i >= end;
            if (atEnd || text[i] == '\n' || text[i] == '\r') {
                int lineEnd = i;
                while (lineEnd > lineStart && (text[lineEnd - 1] == ' ' || text[lineEnd - 1] == '\t')) {
                    lineEnd--;
                }
                out.write(text, lineStart, lineEnd - lineStart);
                if (atEnd) {
                    break;
                }
                out.write('\r');
                out.write('\n');
                if (text[i] == '\r' && i + 1 < end && text[i + 1] == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
            i++;
        }
        return out.toByteArray();
    }

    /** {@code text} without spaces and tabs at the ends of its lines. */
    static byte[] withoutTrailingBlanks(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        int blanks = 0;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == ' ' || b == '\t') {
                blanks++;
                continue;
            }
            if (b != '\n' && b != '\r') {
                out.write(text, i - blanks, blanks);
            }
            blanks = 0;
            out.write(b);
        }
        return out.toByteArray();
    }
}
