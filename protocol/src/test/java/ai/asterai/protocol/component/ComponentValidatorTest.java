package ai.asterai.protocol.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComponentValidatorTest {

    @Test
    void aComponentUsingEveryKindOfDefinitionValidates() {
        Component c = Components.read(Fixtures.RICH);
        assertEquals(1, c.imports().size());
        assertEquals(java.util.List.of("point", "shape", "perm", "counter", "area", "[constructor]counter",
                "[method]counter.get", "greet", "inner"), c.exports().stream().map(e -> e.name().name()).toList());
        assertEquals(3, c.indexSpace(Sort.CORE_MODULE).size());
        assertEquals(1, c.indexSpace(Sort.COMPONENT).size());
        assertTrue(c.indexSpace(Sort.CORE_FUNC).stream().anyMatch(e -> e.definition() instanceof Definition.CanonLower));
    }
}
