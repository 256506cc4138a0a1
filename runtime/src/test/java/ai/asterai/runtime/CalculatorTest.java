package ai.asterai.runtime;

import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.failure.InvalidArguments;
import ai.asterai.runtime.failure.NoSuchFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The calculator example through the whole stack, in both engines. */
class CalculatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void callsEveryExport(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            assertEquals("asterai:calculator", calc.name());
            assertEquals(json("5.5"), calc.call("add", json("[2, 3.5]")));
            assertEquals(json("{\"ok\":14.0}"), calc.call("eval", json("[\"2*(3+4)\"]")));
            assertEquals(json("{\"err\":\"division by zero at position 2 ('/')\"}"), calc.call("eval", json("{\"expr\":\"1/0\"}")));
            assertEquals(json("12586269025"), calc.call("fib", json("[50]")));
            assertEquals(json("12200160415121876738"), calc.call("fib", json("[93]")));
            JsonNode tool = calc.call("asterai:agent/tool@0.1.0#describe", json("[]"));
            assertEquals("calculator", tool.get("name").asText());
            assertEquals(json("{\"ok\":\"{\\\"result\\\":14}\"}"), calc.call("tool#call", json("[\"{\\\"expression\\\":\\\"2*(3+4)\\\"}\"]")));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void echoRecordsRoundTripsNestedListsOfRecordsOfStrings(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            String items = "[{\"key\":\"\",\"tags\":[],\"weight\":0.0},"
                    + "{\"key\":\"ünïcödé ✓ \uD83D\uDE00\",\"tags\":[\"a\",\"\",\"long " + "x".repeat(5000) + "\"],\"weight\":-1.5E300},"
                    + "{\"key\":\"k\",\"tags\":[\"t1\",\"t2\",\"t3\",\"t4\"],\"weight\":3.25}]";
            assertEquals(json(items), calc.call("echo-records", json("[" + items + "]")));
            assertEquals(json("[]"), calc.call("echo-records", json("[[]]")));
            // many calls: the post-return frees what each returned, memory stays flat
            for (int i = 0; i < 2000; i++) {
                calc.call("echo-records", json("[" + items + "]"));
            }
            assertTrue(calc.newInstance().memoryBytes() <= 4L << 20);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aLoneSurrogateIsRefusedNotReplaced(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            // JSON escapes that name half of a UTF-16 pair: no Unicode scalar value, no UTF-8 form
            InvalidArguments e = assertThrows(InvalidArguments.class, () -> calc.call("eval", json("[\"1+\\ud800\"]")));
            assertTrue(e.getMessage().contains("expr: not a valid Unicode string: lone surrogate \\ud800 at index 2"), e.getMessage());
            InvalidArguments e2 = assertThrows(InvalidArguments.class, () -> calc.call("echo-records",
                    json("[[{\"key\":\"k\",\"tags\":[\"a\",\"\\udc00b\"],\"weight\":1}]]")));
            assertTrue(e2.getMessage().contains("items[0].tags[1]: not a valid Unicode string: lone surrogate \\udc00"), e2.getMessage());
            // a whole pair is one scalar value and goes through; the instance was not broken
            assertEquals(json("[{\"key\":\"\\ud83d\\ude00\",\"tags\":[],\"weight\":1.0}]"),
                    calc.call("echo-records", json("[[{\"key\":\"\\ud83d\\ude00\",\"tags\":[],\"weight\":1}]]")));
            assertEquals(json("{\"ok\":7.0}"), calc.call("eval", json("[\"3+4\"]")));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aStringFromTheGuestThatIsNotUtf8IsATrap(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent bad = s.runtime().load(Examples.hostileWat("bad-utf8"), Grants.NONE);
            ComponentTrap surrogate = assertThrows(ComponentTrap.class, () -> bad.call("run", json("[]")));
            assertTrue(surrogate.getMessage().contains("canonical ABI violation: string at 1024 (6 bytes) is not valid UTF-8"),
                    surrogate.getMessage());
            ComponentTrap overlong = assertThrows(ComponentTrap.class, () -> bad.call("run-with", json("[\"x\"]")));
            assertTrue(overlong.getMessage().contains("string at 1040 (5 bytes) is not valid UTF-8"), overlong.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void badArgumentsAreRefusedBeforeTheGuestRuns(EngineKind engine) throws Exception {
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            InvalidArguments e = assertThrows(InvalidArguments.class, () -> calc.call("fib", json("[-1]")));
            assertTrue(e.getMessage().contains("out of range for u32"), e.getMessage());
            InvalidArguments e2 = assertThrows(InvalidArguments.class, () -> calc.call("echo-records", json("[[{\"key\":1}]]")));
            assertTrue(e2.getMessage().contains("items[0].key"), e2.getMessage());
            assertThrows(NoSuchFunction.class, () -> calc.call("nope", json("[]")));
            assertEquals(json("3.0"), calc.call("add", json("[1, 2]")));
            assertEquals(json("3.0"), calc.callWords("add", List.of("a=1", "b=2")));
            assertEquals(json("{\"ok\":7.0}"), calc.callWords("eval", List.of("3+4")));
        }
    }
}
