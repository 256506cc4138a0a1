package ai.asterai.protocol.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesAndVersionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a:b", "asterai:calculator", "x1:y-2", "a-b-c:d0"})
    void validNames(String n) {
        assertEquals(n, PackageName.parse(n).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a:", ":b", "A:b", "a:B", "1a:b", "a--b:c", "a-:b", "a:b:c", "a/b:c", "../x:y",
            "a:b c", "a:b\n", "a:é"})
    void invalidNames(String n) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PackageName.parse(n));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void labelLengthLimit() {
        assertTrue(PackageName.isValidLabel("a" + "b".repeat(62)));
        assertFalse(PackageName.isValidLabel("a" + "b".repeat(63)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
            "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-rc.1+build.1"})
    void validVersions(String v) {
        assertEquals(v, Version.parse(v).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-01", "1.2.3-", "1.2.3+",
            "v1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-a..b", "^1.2.3", "latest"})
    void invalidVersions(String v) {
        assertThrows(InvalidInputException.class, () -> Version.parse(v));
    }

    @Test
    void semverPrecedence() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0");
        List<Version> shuffled = new ArrayList<>(ordered.stream().map(Version::parse).toList());
        Collections.shuffle(shuffled);
        Collections.sort(shuffled);
        assertEquals(ordered, shuffled.stream().map(Version::toString).toList());
        assertEquals(0, Version.parse("1.0.0+a").compareTo(Version.parse("1.0.0+b")));
        assertEquals("1.0.0", Version.parse("1.0.0+a").withoutBuild().toString());
    }

    @Test
    void digests() {
        Digest d = Digest.of(new byte[0]);
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", d.toString());
        assertEquals(d, Digest.parse(d.toString()));
        assertTrue(d.matches(Digest.parse(d.toString())));
        assertThrows(InvalidInputException.class, () -> Digest.parse("sha256:XYZ"));
        assertThrows(InvalidInputException.class, () -> Digest.parse("md5:abc"));
        assertThrows(InvalidInputException.class, () -> Digest.parse("sha256:" + "A".repeat(64)));
    }
}
