package org.bmaptool.ports.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationTest {

    @Test
    void takesAUrlApartKeepingEachPartRaw() {
        Location url = Location.parse("HTTPS://joe:p%40ss@example.com:8443/d/disk.img.gz?token=a.b&x=1#frag");
        assertTrue(url.isUrl());
        assertEquals(Optional.of("https"), url.scheme());
        assertEquals(Optional.of("joe"), url.user());
        assertEquals(Optional.of("p%40ss"), url.password());
        assertEquals(Optional.of("example.com:8443"), url.hostAndPort());
        assertEquals("/d/disk.img.gz", url.path());
        assertEquals(Optional.of("token=a.b&x=1"), url.query());
        assertEquals(Optional.of("frag"), url.fragment());
        assertEquals("disk.img.gz", url.fileName());
        assertEquals("HTTPS://joe:p%40ss@example.com:8443/d/disk.img.gz?token=a.b&x=1#frag", url.text());
    }

    @Test
    void knowsWhichLocationsAreUrls() {
        for (String url : List.of("http://h/a", "HTTPS://h/a", "ftp://h/a", "file:///a", "ssh://u@h/a")) {
            assertTrue(Location.parse(url).isUrl(), url);
        }
        for (String path : List.of("a.img", "/x/http://y", "-", "gopher://h/a", "://h/a")) {
            assertFalse(Location.parse(path).isUrl(), path);
        }
        assertTrue(Location.parse("-").isStandardInput());
        assertFalse(Location.parse("./-").isStandardInput());
    }

    @Test
    void aSiblingOfAUrlChangesThePathAndKeepsQueryAndFragment() {
        Location bmap = Location.parse("http://h/disk.img.bmap?token=abc#f");
        assertEquals("http://h/disk.img.bmap.asc?token=abc#f", bmap.sibling(".asc").text());
        assertEquals("http://h/.bmap?t=1", Location.parse("http://h?t=1").sibling(".bmap").text());
        assertEquals("dir/disk.img.bmap", Location.parse("dir/disk.img").sibling(".bmap").text());
        assertEquals("x?y.bmap", Location.parse("x?y").sibling(".bmap").text(), "a path has no query");
        assertThrows(IllegalStateException.class, () -> Location.parse("-").sibling(".bmap"));
    }

    @Test
    void withoutExtensionCutsAsPythonsSplitextOnThePathOnly() {
        assertEquals("https://h/d/img.wic?token=a.b#x.y",
                Location.parse("https://h/d/img.wic.gz?token=a.b#x.y").withoutExtension().text());
        assertEquals("a.d/x", Location.parse("a.d/x.img").withoutExtension().text());
        Location hidden = Location.parse("dir/.hidden");
        assertEquals(hidden, hidden.withoutExtension());
        assertEquals("dir/..img", Location.parse("dir/..img.xz").withoutExtension().text());
        assertEquals("a.", Location.parse("a..b").withoutExtension().text());
        Location noExtension = Location.parse("http://h.example/img?f=a.b");
        assertEquals(noExtension, noExtension.withoutExtension());
        Location stdin = Location.parse("-");
        assertEquals(stdin, stdin.withoutExtension());
    }

    @Test
    void aFileNamedDashIsNotStandardInput() {
        Location stem = Location.parse("-.gz").withoutExtension();
        assertEquals("-", stem.text());
        assertFalse(stem.isStandardInput());
        assertNotEquals(Location.parse("-"), stem);
        assertEquals("-.bmap", stem.sibling(".bmap").text());
    }

    @Test
    void maskedShowsThePasswordAsStars() {
        Location url = Location.parse("https://joe:pa:ss@host/img?q=1");
        assertEquals("https://joe:***@host/img?q=1", url.masked());
        assertEquals(url.masked(), url.toString());
        assertEquals("https://o'brien:***@example.com/a.img",
                Location.parse("https://o'brien:secret@example.com/a.img").masked());
        assertEquals("http://u:***@h/a", Location.parse("http://u:p@w@h/a").masked(), "the last @ ends the user info");
        assertEquals("http://joe@host/img", Location.parse("http://joe@host/img").masked());
        assertEquals("https://joe:***@host/img.asc?q=1", url.sibling(".asc").masked());
        assertEquals("https://joe:pa:ss@host/img.asc?q=1", url.sibling(".asc").text());
    }

    @Test
    void masksThePasswordWhereverAUrlAppearsInText() {
        assertEquals("https://joe:***@host/img", Location.maskPasswords("https://joe:pa:ss@host/img"));
        assertEquals("cannot read 'ftp://joe:***@h:21/a' or 'ssh://u:***@h2/b'",
                Location.maskPasswords("cannot read 'ftp://joe:pw@h:21/a' or 'ssh://u:x@h2/b'"));
        assertEquals("http://joe@host/img", Location.maskPasswords("http://joe@host/img"));
        assertEquals("http://host:8080/a?x=1:2@3", Location.maskPasswords("http://host:8080/a?x=1:2@3"));
        assertEquals("x://a:n://u:***@h/f", Location.maskPasswords("x://a:n://u:secret@h/f"));
        assertEquals("a://x:***@h://u:***@z", Location.maskPasswords("a://x:y@h://u:pw@z"));
    }
}
