package org.bmaptool.app;

import static org.bmaptool.app.CleanFailure.assertCleanFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the linked launcher: where upstream bmaptool 3.9 fails in the same situation,
 * our one error line starts with upstream's words (scripts match them) and keeps our
 * explanation after them; the exit code is upstream's 1. The table is in the README,
 * "Messages as upstream"; the signature cases are in {@link SignedBmapLauncherIT}.
 */
class UpstreamMessagesIT {
    @TempDir
    Path dir;

    private String bmap;

    /** The upstream test bmap with {@code from} replaced by {@code to}, as {@code name}. */
    private Path changedBmap(String name, String from, String to) throws IOException {
        assertTrue(bmap.contains(from), from);
        return Files.writeString(dir.resolve(name), bmap.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }

    private String failure(String... args) throws Exception {
        Launcher.Result result = Launcher.run(dir, args);
        assertFalse(Files.exists(dir.resolve("copy.img")), "nothing written: " + result.err());
        return assertCleanFailure(result, 1);
    }

    private void assertStarts(String upstream, String ours, String message) {
        assertTrue(message.startsWith(upstream), "starts with upstream's '" + upstream + "': " + message);
        assertTrue(message.contains(ours), "keeps our '" + ours + "': " + message);
    }

    @Test
    void bmapFaultsStartWithUpstreamsWords() throws Exception {
        TestImages.upstreamImage(dir);
        bmap = Files.readString(TestImages.upstreamBmap("v2.0"));
        String checksum = bmap.replaceFirst("(?s).*<BmapFileChecksum> *([0-9a-f]+).*", "$1");
        String wrong = (checksum.charAt(0) == '0' ? "1" : "0") + checksum.substring(1);
        changedBmap("sum.bmap", checksum, wrong);
        changedBmap("xml.bmap", "</BlockMap>", "</BlockMapx>");
        changedBmap("v3.bmap", "<bmap version=\"2.0\">", "<bmap version=\"3.0\">");
        changedBmap("count.bmap", "<BlocksCount> 201", "<BlocksCount> 1201");
        changedBmap("hash.bmap", "sha256", "foo256");
        changedBmap("range.bmap", "> 0-1 <", "> 1-0 <");

        assertStarts("checksum mismatch for bmap file 'sum.bmap'", ", should be '" + wrong + "'",
                failure("copy", "--bmap", "sum.bmap", "test.image", "copy.img"));
        assertStarts("cannot parse the bmap file 'xml.bmap' which should be a proper XML file: ",
                "not well-formed XML: ", failure("copy", "--bmap", "xml.bmap", "test.image", "copy.img"));
        assertStarts("only bmap format version up to 2 is supported, version 3 is not supported: ",
                "this bmaptool reads versions 1.0 to 2.x", failure("copy", "--bmap", "v3.bmap", "test.image", "copy.img"));
        assertStarts("Inconsistent bmap - image size does not match blocks count: ", "<BlocksCount> is 1201",
                failure("copy", "--bmap", "count.bmap", "test.image", "copy.img"));
        assertStarts("cannot initialize hash function \"foo256\": ", "unknown checksum type \"foo256\"",
                failure("copy", "--bmap", "hash.bmap", "test.image", "copy.img"));
        assertStarts("bad range (first > last): '1-0': ", "has its first block after its last",
                failure("copy", "--bmap", "range.bmap", "test.image", "copy.img"));
    }

    @Test
    void optionConflictsAreRefusedInUpstreamsWords() throws Exception {
        TestImages.upstreamImage(dir);
        Files.copy(TestImages.upstreamBmap("v2.0"), dir.resolve("test.image.bmap"));

        // --debug adds the stack trace, so this is no clean one-line failure.
        Launcher.Result quietDebug = Launcher.run(dir, "-q", "-d", "copy", "test.image", "copy.img");
        assertEquals(1, quietDebug.exitCode(), quietDebug.err());
        assertTrue(quietDebug.err().startsWith("bmaptool: ERROR: --quiet and --debug cannot be used together\n"),
                quietDebug.err());
        assertFalse(Files.exists(dir.resolve("copy.img")));
        assertStarts("--no-sig-verify and --keyring cannot be used together", "",
                failure("copy", "--no-sig-verify", "--keyring", "k.gpg", "test.image", "copy.img"));
        assertStarts("--no-sig-verify and --fingerprint cannot be used together", "",
                failure("copy", "--no-sig-verify", "--fingerprint", "0123456789ABCDEF0123456789ABCDEF01234567",
                        "test.image", "copy.img"));
        assertStarts("no signature found but --fingerprint given: ", "use --bmap-sig to name it",
                failure("copy", "--fingerprint", "0123456789ABCDEF0123456789ABCDEF01234567", "test.image", "copy.img"));
    }

    @Test
    void missingFilesAreNamedAsUpstreamNamesThem() throws Exception {
        assertStarts("cannot open image", "'missing.img': no such file", failure("copy", "missing.img", "copy.img"));
        Path image = TestImages.upstreamImage(dir);
        assertStarts("cannot open the output file '" + dir.resolve("none/x.bmap") + "': ", "no such file or directory",
                failure("create", "-o", dir.resolve("none/x.bmap").toString(), image.toString()));
        assertFalse(Files.exists(dir.resolve("none")));
    }

    @Test
    void anImageOnAServerThatIsDownIsReportedAsTheImage() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/disk.img";
        // The bmap is looked for beside the image first; upstream opens the image first and says so.
        assertStarts("cannot open image: ", "cannot read '" + url + "': connection refused",
                failure("copy", url, "copy.img"));
        assertFalse(Files.exists(dir.resolve("copy.img")));
    }
}
