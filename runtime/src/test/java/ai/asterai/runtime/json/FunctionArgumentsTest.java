package ai.asterai.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.ValueMismatch;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argument forms of the JSON API and of {@code asterai run}. */
class FunctionArgumentsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final AbiType.EnumT LEVEL = AbiType.EnumT.of("level", List.of("info", "warn"));
    static final WitSignature SIG = new WitSignature("f", List.of(new WitSignature.Param("name", AbiType.Scalar.STRING),
            new WitSignature.Param("count", AbiType.Scalar.U32), new WitSignature.Param("level", LEVEL),
            new WitSignature.Param("extra", AbiType.OptionT.of(AbiType.Scalar.STRING))), null);
    static final List<WitValue> EXPECTED = List.of(new WitValue.Str("x y"), new WitValue.Int(3), new WitValue.EnumV("warn"), WitValue.OptionV.NONE);

    @Test
    void jsonArrayObjectAndSingleValue() throws Exception {
        assertEquals(EXPECTED, FunctionArguments.fromJson(SIG, JSON.readTree("[\"x y\", 3, \"warn\", null]")));
        assertEquals(EXPECTED, FunctionArguments.fromJson(SIG, JSON.readTree("{\"count\": 3, \"name\": \"x y\", \"level\": \"warn\"}")));
        WitSignature one = new WitSignature("g", List.of(new WitSignature.Param("items", new AbiType.ListT(AbiType.Scalar.U8))), null);
        assertEquals(List.of(new WitValue.Bytes(new byte[] {1, 2})), FunctionArguments.fromJson(one, JSON.readTree("{\"items\": [1, 2]}")));
        assertEquals(List.of(new WitValue.Bytes(new byte[] {1, 2})), FunctionArguments.fromJson(one, JSON.readTree("[[1, 2]]")));
        ValueMismatch count = assertThrows(ValueMismatch.class, () -> FunctionArguments.fromJson(SIG, JSON.readTree("[1]")));
        assertEquals("f takes 4 argument(s) (name: string, count: u32, level: level, extra: option<string>), got 1", count.reason());
        assertThrows(ValueMismatch.class, () -> FunctionArguments.fromJson(SIG, JSON.readTree("{\"name\": \"x\", \"count\": 1}")));
    }

    @Test
    void commandLineWords() {
        assertEquals(EXPECTED, FunctionArguments.fromCommandLine(SIG, List.of("x y", "3", "warn", "null")));
        assertEquals(EXPECTED, FunctionArguments.fromCommandLine(SIG, List.of("level=warn", "name=x y", "count=3")));
        assertEquals(EXPECTED, FunctionArguments.fromCommandLine(SIG, List.of("[\"x y\", 3, \"warn\", null]")));
        assertEquals(List.of(new WitValue.Str("42"), new WitValue.Int(3), new WitValue.EnumV("warn"), WitValue.OptionV.NONE),
                FunctionArguments.fromCommandLine(SIG, List.of("name=42", "count=3", "level=warn")));
        ValueMismatch bad = assertThrows(ValueMismatch.class, () -> FunctionArguments.fromCommandLine(SIG, List.of("x", "three", "warn", "null")));
        assertEquals("'three' is not valid JSON for u32", bad.reason());
    }
}
