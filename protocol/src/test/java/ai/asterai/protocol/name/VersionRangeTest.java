package ai.asterai.protocol.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

    /** range, version, matches: cases follow Cargo's documented meaning of each operator. */
    @ParameterizedTest
    @CsvSource({
            "*, 0.0.1, true", "*, 99.0.0, true", "*, 1.0.0-rc.1, false", "latest, 2.0.0, true",
            "1.2.3, 1.2.3, true", "1.2.3, 1.2.4, false", "1.2.3, 1.2.3+build.7, true", "=1.2.3, 1.2.3, true",
            "=1.2.3, 1.2.2, false", "1.0.0-rc.1, 1.0.0-rc.1, true", "1.0.0-rc.1, 1.0.0, false",
            "^1.2.3, 1.2.3, true", "^1.2.3, 1.9.0, true", "^1.2.3, 2.0.0, false", "^1.2.3, 1.2.2, false",
            "^1.2, 1.2.0, true", "^1.2, 1.99.99, true", "^1.2, 1.1.9, false", "^1, 1.0.0, true", "^1, 2.0.0, false",
            "^0.2.3, 0.2.3, true", "^0.2.3, 0.2.9, true", "^0.2.3, 0.3.0, false",
            "^0.0.3, 0.0.3, true", "^0.0.3, 0.0.4, false", "^0.0, 0.0.7, true", "^0.0, 0.1.0, false",
            "^0, 0.9.9, true", "^0, 1.0.0, false",
            "~1.2.3, 1.2.3, true", "~1.2.3, 1.2.9, true", "~1.2.3, 1.3.0, false", "~1.2.3, 1.2.2, false",
            "~1.2, 1.2.0, true", "~1.2, 1.3.0, false", "~1, 1.9.0, true", "~1, 2.0.0, false",
            "1.2, 1.2.5, true", "1.2, 1.3.0, false", "1, 1.7.0, true", "1, 2.0.0, false",
            "1.*, 1.7.0, true", "1.2.*, 1.2.9, true", "1.2.*, 1.3.0, false",
            // pre-releases only when the requirement names one of the same release line
            "^1.2, 1.3.0-beta, false", "^1.2, 2.0.0-rc.1, false", "~1.2.3, 1.2.4-alpha, false",
            "^1.2.3-beta, 1.2.3-beta.2, true", "^1.2.3-beta, 1.2.3, true", "^1.2.3-beta, 1.2.4-beta, false",
            "^1.2.3-beta, 1.2.3-alpha, false",
    })
    void matches(String range, String version, boolean expected) {
        assertEquals(expected, VersionRange.parse(range).matches(Version.parse(version)), range + " vs " + version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "^", "~", "=", "^x", "1.2.3.4", "01.2", "^1.2.*", "=1.2", ">=1.0.0", "1.*.3", "v1",
            "^1.2.3 ", " ^1", "1.2.3-", "abc", "^-1"})
    void invalid(String range) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VersionRange.parse(range));
        assertEquals("version", e.field());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void longInputIsRefusedBeforeParsing() {
        assertThrows(InvalidInputException.class, () -> VersionRange.parse("^" + "1".repeat(200)));
    }

    @Test
    void exactness() {
        assertTrue(VersionRange.parse("1.2.3").isExact());
        assertTrue(VersionRange.parse("=1.2.3").isExact());
        assertEquals(Optional.of(Version.parse("1.2.3")), VersionRange.parse("=1.2.3").exactVersion());
        assertFalse(VersionRange.parse("^1.2.3").isExact());
        assertFalse(VersionRange.ANY.isExact());
        assertEquals(Optional.empty(), VersionRange.parse("~1").exactVersion());
    }

    @Test
    void bestPicksTheHighestUsableMatch() {
        List<Version> published = List.of("0.9.0", "1.0.0", "1.2.0", "1.4.1", "1.5.0-rc.1", "2.0.0").stream()
                .map(Version::parse).toList();
        Version yanked = Version.parse("1.4.1");
        assertEquals("1.4.1", VersionRange.parse("^1").best(published, v -> true).orElseThrow().toString());
        assertEquals("1.2.0", VersionRange.parse("^1").best(published, v -> !v.equals(yanked)).orElseThrow().toString());
        assertEquals("2.0.0", VersionRange.ANY.best(published, v -> true).orElseThrow().toString());
        assertTrue(VersionRange.parse("^3").best(published, v -> true).isEmpty());
    }

    @Test
    void printsAsWritten() {
        assertEquals("^1.2", VersionRange.parse("^1.2").toString());
        assertEquals("1.2.3", VersionRange.parse("=1.2.3").toString());
        assertEquals("*", VersionRange.parse("latest").toString());
    }
}
