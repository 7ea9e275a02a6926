package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.bmaptool.ports.PortException;
import org.junit.jupiter.api.Test;

class RemoteLocationTest {

    @Test
    void masksThePasswordWhereverAUrlAppears() {
        assertEquals("https://joe:***@host/img", RemoteLocation.mask("https://joe:pa:ss@host/img"));
        assertEquals("cannot read 'ftp://joe:***@h:21/a' or 'ssh://u:***@h2/b'",
                RemoteLocation.mask("cannot read 'ftp://joe:pw@h:21/a' or 'ssh://u:x@h2/b'"));
        assertEquals("http://joe@host/img", RemoteLocation.mask("http://joe@host/img"));
        assertEquals("http://host:8080/a?x=1:2@3", RemoteLocation.mask("http://host:8080/a?x=1:2@3"));
    }

    @Test
    void takesUserAndPasswordOutOfTheUriSent() {
        RemoteLocation url = RemoteLocation.parse("https://joe:p%40ss@example.com:8443/dir/a.img?token=1");
        assertEquals(Optional.of("joe"), url.user());
        assertEquals(Optional.of("p@ss"), url.password());
        assertEquals(URI.create("https://example.com:8443/dir/a.img?token=1"), url.withoutUserInfo());
        assertEquals("https://joe:***@example.com:8443/dir/a.img?token=1", url.masked());
        assertEquals("https://o'brien:***@example.com/a.img",
                RemoteLocation.parse("https://o'brien:secret@example.com/a.img").masked());
    }

    @Test
    void knowsWhichLocationsAreUrls() {
        for (String url : List.of("http://h/a", "HTTPS://h/a", "ftp://h/a", "file:///a", "ssh://u@h/a")) {
            assertTrue(RemoteLocation.isUrl(url), url);
        }
        for (String path : List.of("a.img", "/x/http://y", "-", "gopher://h/a")) {
            assertFalse(RemoteLocation.isUrl(path), path);
        }
    }

    @Test
    void fileUrlsAreLocalPaths() {
        assertEquals(Optional.of("/tmp/a b.img"), RemoteSources.localPath("file:///tmp/a%20b.img"));
        assertEquals(Optional.of("/tmp/a.img"), RemoteSources.localPath("file://localhost/tmp/a.img"));
        assertEquals(Optional.empty(), RemoteSources.localPath("/tmp/a.img"));
        assertEquals("//twice/a b", RemoteLocation.parse("ssh://h//twice/a%20b").decodedPath());
    }

    @Test
    void refusesAFileUrlNamingNoPossiblePath() {
        PortException e = assertThrows(PortException.class, () -> RemoteSources.localPath("file:///tmp/a%00b"));
        assertTrue(e.getMessage().startsWith("cannot read 'file:///tmp/a%00b': not a file path ("), e.getMessage());
    }

    @Test
    void takesAnIpv6HostWithoutItsBrackets() {
        RemoteLocation url = RemoteLocation.parse("http://u:pw@[::1]:8080/disk%20image.wic.gz");
        assertEquals("::1", url.host());
        assertEquals(URI.create("http://[::1]:8080/disk%20image.wic.gz"), url.withoutUserInfo());
    }

    @Test
    void masksAPasswordWhereOneUrlRunsIntoAnother() {
        assertEquals("x://a:n://u:***@h/f", RemoteLocation.mask("x://a:n://u:secret@h/f"));
        assertEquals("a://x:***@h://u:***@z", RemoteLocation.mask("a://x:y@h://u:pw@z"));
    }
}
