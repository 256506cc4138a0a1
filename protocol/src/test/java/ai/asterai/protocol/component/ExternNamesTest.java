package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternNamesTest {

    @Test
    void labelsAreKebabCaseWordsOrAcronyms() {
        for (String ok : List.of("a", "a-b-c", "a1-2-3", "A", "A-B-C", "A1-2-3", "a11-w0rds", "A11-4CR0NYMS", "m1x3d-4CR0NYMS")) {
            assertTrue(ExternNames.isLabel(ok), ok);
        }
        for (String bad : List.of("", "1-2-3", "a--b", "-a", "a-", "aB", "a_b", "é", "a.b")) {
            assertFalse(ExternNames.isLabel(bad), bad);
        }
    }

    @Test
    void parsesEachKindOfName() {
        assertEquals(ExternNames.Kind.PLAIN, ExternNames.parse("get-JSON").orElseThrow().kind());
        ExternNames.Parsed m = ExternNames.parse("[method]my-res.get").orElseThrow();
        assertEquals(ExternNames.Kind.METHOD, m.kind());
        assertEquals(Optional.of("my-res"), m.resource());
        assertEquals("get", m.label());
        assertEquals(ExternNames.Kind.CONSTRUCTOR, ExternNames.parse("[constructor]r").orElseThrow().kind());
        assertEquals(ExternNames.Kind.STATIC, ExternNames.parse("[static]r.make").orElseThrow().kind());
        assertEquals(ExternNames.Kind.INTERFACE, ExternNames.parse("wasi:http/handler@0.2.0-rc.1+b").orElseThrow().kind());
        for (String bad : List.of("[method]r", "[static].f", "[other]r.f", "wasi:http", "wasi:http/", "Wasi:http/h",
                "wasi:http/handler@0.2", "foo:bar:baz/qux", "foo:bar/baz/qux", "a b")) {
            assertTrue(ExternNames.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void strongUniquenessIgnoresCaseAndMethodPrefixes() {
        List<String> unique = List.of("foo", "foo-bar", "[constructor]foo", "[method]foo.bar", "[static]foo.baz", "foo:bar/baz");
        assertEquals(unique.size(), unique.stream().map(ExternNames::canonical).distinct().count());
        for (String clash : List.of("FOO", "[method]foo.foo")) {
            assertEquals(ExternNames.canonical("foo"), ExternNames.canonical(clash), clash);
        }
        assertEquals(ExternNames.canonical("[method]foo.bar"), ExternNames.canonical("[static]foo.BAR"));
        assertNotEquals(ExternNames.canonical("foo"), ExternNames.canonical("[constructor]foo"));
    }
}
