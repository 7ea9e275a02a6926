package org.bmaptool.domain.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FormatVersionTest {

    @Test
    void readsVersions10To12WithoutChecksums() {
        for (String text : new String[] {"1.0", "1.1", "1.2"}) {
            FormatVersion version = FormatVersion.parse(text, "x.bmap");
            assertEquals(FormatVersion.Unchecked.class, version.getClass());
            assertNull(version.fileChecksumElement());
            assertNull(version.rangeChecksumAttribute());
            assertEquals(text, version.text());
        }
    }

    @Test
    void readsVersion13AsSha1() {
        FormatVersion version = FormatVersion.parse("1.3", "x.bmap");

        assertEquals(new FormatVersion.Sha1(1, 3), version);
        assertEquals("BmapFileSHA1", version.fileChecksumElement());
        assertEquals("sha1", version.rangeChecksumAttribute());
    }

    @Test
    void readsVersion14AndEvery2xAsTyped() {
        for (String text : new String[] {"1.4", "2.0", " 2.1 ", "2.17"}) {
            FormatVersion version = FormatVersion.parse(text, "x.bmap");
            assertEquals(FormatVersion.Typed.class, version.getClass(), text);
            assertEquals("BmapFileChecksum", version.fileChecksumElement());
            assertEquals("chksum", version.rangeChecksumAttribute());
        }
        assertEquals("2.0", FormatVersion.CURRENT.text());
    }

    @Test
    void refusesAMajorVersionAbove2() {
        BmapException e = assertThrows(BmapException.class, () -> FormatVersion.parse("3.0", "x.bmap"));

        assertEquals("only bmap format version up to 2 is supported, version 3 is not supported:"
                + " bmap file 'x.bmap': format version 3.0 is not supported: this bmaptool reads versions"
                + " 1.0 to 2.x; a newer major version needs a newer bmaptool", e.getMessage());
    }

    @Test
    void refusesVersionZero() {
        BmapException e = assertThrows(BmapException.class, () -> FormatVersion.parse("0.9", "x.bmap"));

        assertEquals("bmap file 'x.bmap': format version 0.9 does not exist: versions start at 1.0", e.getMessage());
    }

    @Test
    void refusesTextThatIsNoVersion() {
        BmapException e = assertThrows(BmapException.class, () -> FormatVersion.parse("2.0beta", "x.bmap"));

        assertEquals("bmap file 'x.bmap': version \"2.0beta\" is not \"major.minor\"", e.getMessage());
    }
}
