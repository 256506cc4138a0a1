package ai.asterai.client.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.ConfigException;
import ai.asterai.protocol.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciReferenceTest {
    @Test
    void parsesTagsDigestsPortsAndIpv6() {
        OciReference r = OciReference.parse("oci://Registry.Example.com:5000/acme/tools/hello:1.0.0_build.1");
        assertEquals("registry.example.com", r.host());
        assertEquals(5000, r.port());
        assertEquals("acme/tools/hello", r.repository());
        assertEquals("1.0.0_build.1", r.tag());
        assertNull(r.digest());
        assertEquals("oci://registry.example.com:5000/acme/tools/hello:1.0.0_build.1", r.toString());
        assertFalse(r.isLoopback());

        String hex = "a".repeat(64);
        OciReference d = OciReference.parse("oci://127.0.0.1/x@sha256:" + hex);
        assertEquals("sha256:" + hex, d.reference());
        assertEquals(-1, d.port());
        assertTrue(d.isLoopback());
        assertTrue(OciReference.parse("oci://[::1]:5000/x:1").isLoopback());
        assertFalse(OciReference.parse("oci://127.evil.com/x:1").isLoopback(), "a name that starts like 127. is not loopback");
        assertEquals(d, OciReference.parse(d.toString()));
    }

    @Test
    void refusesWhatCouldBendTheRequest() {
        for (String bad : new String[]{"oci://", "oci:///x:1", "oci://h", "oci://h/", "oci://h/x", "oci://h/X:1", "oci://h/x:",
                "oci://h/x:-a", "oci://h/../x:1", "oci://h/x/../y:1", "oci://h/x?y:1", "oci://h/x#y:1", "oci://h/x:1@sha256:" + "a".repeat(64),
                "oci://h/x@sha256:" + "A".repeat(64), "oci://h/x@sha512:" + "a".repeat(128), "oci://h/x@sha256:abc", "oci://u@h/x:1",
                "oci://h:0/x:1", "oci://h:65536/x:1", "oci://h:port/x:1", "oci://h_h/x:1", "oci://-h/x:1", "oci://h/x:" + "t".repeat(129),
                "oci://h/x%2fy:1", "oci://h/x y:1", "oci://h\u0000/x:1", "https://h/x:1", "oci://h//x:1", "oci://h/x/:1",
                "oci://" + "h".repeat(300) + "/x:1", "oci://h/" + "x".repeat(300) + ":1"}) {
            assertThrows(InvalidInputException.class, () -> OciReference.parse(bad), bad);
        }
    }

    /** Random mutations of valid references: each either parses to a reference that prints back the same, or fails typed. */
    @Test
    void fuzzedReferencesParseOrFailTyped() {
        Random random = new Random(15);
        String[] seeds = {"oci://127.0.0.1:5000/acme/hello:1.0.0", "oci://r.example/a/b@sha256:" + "0123456789abcdef".repeat(4),
                "oci://[::1]/x_y.z-w:latest"};
        String alphabet = "/:@.[]-_aZ09%?#\u0000 \u00e9+";
        int cases = 20_000;
        int parsed = 0;
        for (int i = 0; i < cases; i++) {
            StringBuilder s = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                int at = random.nextInt(s.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (at < s.length()) s.deleteCharAt(at); }
                    default -> { if (at < s.length()) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                }
            }
            try {
                OciReference r = OciReference.parse(s.toString());
                assertEquals(r, OciReference.parse(r.toString()), s.toString());
                assertTrue(r.toString().chars().allMatch(c -> c > 0x20 && c < 0x7f), s.toString());
                parsed++;
            } catch (InvalidInputException expected) {
                // typed refusal
            }
        }
        System.out.println("OciReference fuzz: " + cases + " cases, " + parsed + " parsed, " + (cases - parsed) + " refused (typed)");
    }

    @Test
    void challengeParsing() {
        OciClient.Challenge c = OciClient.Challenge.parse(
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"");
        assertEquals("bearer", c.scheme());
        assertEquals(Map.of("realm", "https://auth.example/token", "service", "registry.example", "scope", "repository:a/b:pull,push"), c.params());
        assertEquals("basic", OciClient.Challenge.parse("Basic realm=\"x\"").scheme());
        assertEquals("x\"y", OciClient.Challenge.parse("Bearer realm=\"x\\\"y\"").params().get("realm"));
        assertEquals("unsupported", OciClient.Challenge.parse("Bearer " + "a".repeat(5000)).scheme());
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[random.nextInt(80)];
            for (int j = 0; j < b.length; j++) {
                String chars = " ,=\"\\aBrealm";
                b[j] = (byte) chars.charAt(random.nextInt(chars.length()));
            }
            OciClient.Challenge.parse(new String(b)); // never throws
        }
    }

    @Test
    void dockerConfigCredentials(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), """
                {"auths": {
                  "r.example:5000": {"auth": "dXNlcjpwYTpzcw=="},
                  "https://other.example": {"username": "u2", "password": "p2"},
                  "empty.example": {}
                }, "credsStore": "desktop"}""");
        OciCredentials c = OciCredentials.dockerConfig(Map.of("DOCKER_CONFIG", dir.toString()));
        assertEquals(new OciCredentials.Basic("user", "pa:ss"), c.find("r.example:5000").orElseThrow());
        assertEquals(new OciCredentials.Basic("u2", "p2"), c.find("other.example").orElseThrow());
        assertTrue(c.find("r.example").isEmpty());
        assertThrows(ConfigException.class, () -> c.find("empty.example"));
        assertFalse(new OciCredentials.Basic("u", "secret").toString().contains("secret"));
        assertTrue(OciCredentials.dockerConfig(Map.of("DOCKER_CONFIG", dir.resolve("none").toString())).find("r.example:5000").isEmpty());
        Files.writeString(dir.resolve("config.json"), "{\"auths\": {\"a\": {\"auth\": \"!!!\"}}}");
        assertThrows(ConfigException.class, () -> OciCredentials.dockerConfig(Map.of("DOCKER_CONFIG", dir.toString())).find("a"));
        Files.writeString(dir.resolve("config.json"), "{\"auths\": ");
        assertThrows(ConfigException.class, () -> OciCredentials.dockerConfig(Map.of("DOCKER_CONFIG", dir.toString())).find("a"));
    }
}
