package ai.asterai.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The component fixtures' expected results (examples/components/, written by the reference host: jco
 * transpile + Node) against the runtime. Today: the calculator's core module through the existing
 * path gives what its component gives under the reference host ({@code c-calculator/expected.json}).
 * {@link #sameValue} is the comparison the component runtime's tests can use for every fixture.
 */
class ComponentFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path components() {
        return Examples.root().resolve("components");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theCalculatorCoreModuleGivesTheReferenceResultsOfItsComponent(EngineKind engine) throws Exception {
        JsonNode calls = JSON.readTree(Files.readString(components().resolve("c-calculator/calls.json")));
        JsonNode expected = JSON.readTree(Files.readString(components().resolve("c-calculator/expected.json")));
        assertEquals(calls.size(), expected.size(), "one expected result per call");
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            List<String> differences = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                JsonNode call = calls.get(i);
                JsonNode want = expected.get(i);
                assertEquals(call.get("export"), want.get("export"));
                assertTrue(want.has("result"), "the reference host did not trap on the calculator");
                JsonNode got = calc.call(call.get("export").asText(), call.get("args"));
                if (!sameValue(want.get("result"), got)) {
                    differences.add(call.get("export").asText() + " " + call.get("args") + ": reference " + want.get("result")
                            + ", runtime " + got);
                }
            }
            if (!differences.isEmpty()) {
                fail(differences.size() + " of " + calls.size() + " calls differ:\n" + String.join("\n", differences));
            }
        }
    }

    /**
     * WIT values in their JSON form compared as values: numbers by value (an f64 {@code 3} equals
     * {@code 3.0}; integers exactly, u64 included; {@code -0.0} differs from {@code 0}; when one side
     * is a Java float, as f32), objects by their members in any order, arrays in order, everything
     * else by equality.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            }
            if (a.isFloat() || b.isFloat()) { // an f32: the reference writes the shortest decimal of the f32
                return Float.compare(a.floatValue(), b.floatValue()) == 0;
            }
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0; // -0.0 differs from 0
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null || !sameValue(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

}
