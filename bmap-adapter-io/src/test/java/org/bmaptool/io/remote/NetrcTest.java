package org.bmaptool.io.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetrcTest {

    @Test
    void findsTheEntryOfTheHostThenTheDefault() {
        Netrc netrc = Netrc.parse("# images\nmachine images.example.com\n  login joe\n  password \"two words\"\n"
                + "machine other.example.com login ann password x account a1\n"
                + "macdef init\ncd /pub\nbinary\n\n"
                + "default login anonymous password me@example.com\n");
        assertEquals(Optional.of(new Credentials("joe", "two words")), netrc.forHost("images.example.com"));
        assertEquals(Optional.of(new Credentials("ann", "x")), netrc.forHost("OTHER.example.com"));
        assertEquals(Optional.of(new Credentials("anonymous", "me@example.com")), netrc.forHost("elsewhere"));
    }

    @Test
    void noEntryAndNoFileGiveNothing() {
        assertEquals(Optional.empty(), Netrc.parse("machine a login b password c").forHost("z"));
        assertEquals(Optional.empty(), Netrc.load(Path.of("/nonexistent/.netrc")).forHost("a"));
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertEquals("Credentials[user=joe, password=***]", new Credentials("joe", "secret").toString());
    }
}
