package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.bmaptool.ports.PortException;
import org.bmaptool.ports.location.Location;
import org.junit.jupiter.api.Test;

class RemoteLocationTest {

    @Test
    void takesUserAndPasswordOutOfTheUriSent() {
        RemoteLocation url = parse("https://joe:p%40ss@example.com:8443/dir/a.img?token=1");
        assertEquals(Optional.of("joe"), url.user());
        assertEquals(Optional.of("p@ss"), url.password());
        assertEquals(URI.create("https://example.com:8443/dir/a.img?token=1"), url.withoutUserInfo());
        assertEquals("https://joe:***@example.com:8443/dir/a.img?token=1", url.masked());
        assertEquals("https://o'brien:***@example.com/a.img",
                parse("https://o'brien:secret@example.com/a.img").masked());
    }

    @Test
    void fileUrlsAreLocalPaths() {
        assertEquals(Optional.of("/tmp/a b.img"), RemoteSources.localPath(Location.parse("file:///tmp/a%20b.img")));
        assertEquals(Optional.of("/tmp/a.img"), RemoteSources.localPath(Location.parse("file://localhost/tmp/a.img")));
        assertEquals(Optional.empty(), RemoteSources.localPath(Location.parse("/tmp/a.img")));
        assertEquals("//twice/a b", parse("ssh://h//twice/a%20b").decodedPath());
    }

    @Test
    void refusesAFileUrlNamingNoPossiblePath() {
        PortException e = assertThrows(PortException.class, () -> RemoteSources.localPath(Location.parse("file:///tmp/a%00b")));
        assertTrue(e.getMessage().startsWith("cannot read 'file:///tmp/a%00b': not a file path ("), e.getMessage());
    }

    @Test
    void takesAnIpv6HostWithoutItsBrackets() {
        RemoteLocation url = parse("http://u:pw@[::1]:8080/disk%20image.wic.gz");
        assertEquals("::1", url.host());
        assertEquals(URI.create("http://[::1]:8080/disk%20image.wic.gz"), url.withoutUserInfo());
    }

    @Test
    void aUrlOfAnotherHostFormIsRefusedNamingItMasked() {
        PortException e = assertThrows(PortException.class, () -> parse("http://joe:pw@/a.img"));
        assertEquals("'http://joe:***@/a.img' is not a valid URL: no host name", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RemoteLocation.parse(Location.parse("/a.img")));
    }

    private static RemoteLocation parse(String typed) {
        return RemoteLocation.parse(Location.parse(typed));
    }
}
