package org.bmaptool.domain.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumTypeTest {

    @ParameterizedTest
    @CsvSource({
        "sha256, sha256, SHA-256, 64",
        "SHA256, sha256, SHA-256, 64",
        "' sha1 ', sha1, SHA-1, 40",
        "SHA-1, sha1, SHA-1, 40",
        "md5, md5, MD5, 32",
        "sha224, sha224, SHA-224, 56",
        "sha384, sha384, SHA-384, 96",
        "sha512, sha512, SHA-512, 128",
        "sha512_224, sha512_224, SHA-512/224, 56",
        "sha512_256, sha512_256, SHA-512/256, 64",
        "sha3_256, sha3_256, SHA3-256, 64",
        "sha3-512, sha3_512, SHA3-512, 128"})
    void findsEveryJdkDigestByItsHashlibOrJdkName(String asked, String name, String algorithm, int hexLength) {
        assertEquals(Optional.of(new ChecksumType(name, algorithm, hexLength)), ChecksumType.named(asked));
    }

    @Test
    void refusesANameNoDigestHas() {
        assertEquals(Optional.empty(), ChecksumType.named("crc32"));
        assertEquals(Optional.empty(), ChecksumType.named(""));
    }

    @Test
    void offersEveryMessageDigestOfTheJdkUnderItsHashlibName() {
        List<String> names = ChecksumType.available().stream().map(ChecksumType::name).collect(Collectors.toList());

        assertTrue(names.containsAll(List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512_224",
                "sha512_256", "sha3_224", "sha3_256", "sha3_384", "sha3_512")), names.toString());
        for (ChecksumType type : ChecksumType.available()) {
            assertEquals(Optional.of(type), ChecksumType.named(type.name()));
        }
    }

    @Test
    void spellsNamesAsPythonHashlibDoes() throws Exception {
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", "import hashlib, sys\n"
                    + "for name in sys.argv[1:]:\n"
                    + "    try:\n"
                    + "        print(name, len(hashlib.new(name).hexdigest()))\n"
                    + "    except ValueError:\n"
                    + "        print(name, 'unknown')\n",
                    "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512_224", "sha512_256",
                    "sha3_224", "sha3_256", "sha3_384", "sha3_512").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.waitFor(), output);

        for (String line : output.strip().split("\n")) {
            String[] parts = line.split(" ");
            if (!parts[1].equals("unknown")) {
                assertEquals(Integer.parseInt(parts[1]), ChecksumType.named(parts[0]).orElseThrow().hexLength(), line);
            }
        }
    }

    @Test
    void checksDigestText() {
        assertTrue(ChecksumType.SHA1.isWellFormed("94789636db14cdb8929133e7b8d3a158837e2e5a"));
        assertTrue(ChecksumType.SHA1.isWellFormed("94789636DB14CDB8929133E7B8D3A158837E2E5A"));
        assertFalse(ChecksumType.SHA1.isWellFormed("94789636db14cdb8929133e7b8d3a158837e2e5"));
        assertFalse(ChecksumType.SHA1.isWellFormed("94789636db14cdb8929133e7b8d3a158837e2e5g"));
    }

    @Test
    void hashesWithTheNamedAlgorithm() {
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d",
                HexDigest.of(ChecksumType.SHA1.newDigest().digest("abc".getBytes(StandardCharsets.US_ASCII))));
    }
}
