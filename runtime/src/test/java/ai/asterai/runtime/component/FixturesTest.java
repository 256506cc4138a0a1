package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The component fixtures built with real toolchains (examples/components, cm-fixtures), run through
 * {@link ComponentRuntime} and compared call by call with what the reference host (jco transpile +
 * Node) recorded in their expected.json.
 */
class FixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults());

    @AfterEach
    void close() {
        runtime.close();
    }

    static Path fixtures() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/components"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "no examples/components above " + Path.of("").toAbsolutePath());
        return dir.resolve("examples/components");
    }

    @Test
    void theCalculatorComponentGivesTheReferenceHostsResults() throws IOException {
        Path dir = fixtures().resolve("c-calculator");
        assumeTrue(Files.exists(dir.resolve("calculator.wasm")), "no calculator fixture");
        LoadedComponent calc = runtime.load(ComponentBinaryRunTest.source("asterai:calculator",
                Files.readAllBytes(dir.resolve("calculator.wasm"))), Grants.NONE);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (JsonNode call : JSON.readTree(dir.resolve("expected.json").toFile())) {
            JsonNode got = calc.call(call.get("export").asText(), call.get("args"));
            compared++;
            if (!same(call.get("result"), got)) {
                mismatches.add(call.get("export").asText() + " " + call.get("args") + ": expected " + call.get("result") + ", got " + got);
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(25, compared);
    }

    /**
     * The same calculator built with the preview1 adapter imports wasi:cli, io, clocks, random and
     * filesystem: it links to the WASI 0.2 host (no directories granted, so it sees none) and gives the
     * same results as the plain build.
     */
    @Test
    void theCalculatorBuiltWithTheWasiAdapterGivesTheSameResults() throws IOException {
        Path dir = fixtures().resolve("c-calculator");
        assumeTrue(Files.exists(dir.resolve("calculator-wasi.wasm")), "no calculator-wasi fixture");
        LoadedComponent calc = runtime.load(ComponentBinaryRunTest.source("asterai:calculator-wasi",
                Files.readAllBytes(dir.resolve("calculator-wasi.wasm"))), Grants.NONE);
        assertTrue(calc.functions().size() > 0);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (JsonNode call : JSON.readTree(dir.resolve("expected.json").toFile())) {
            JsonNode got = calc.call(call.get("export").asText(), call.get("args"));
            compared++;
            if (!same(call.get("result"), got)) {
                mismatches.add(call.get("export").asText() + " " + call.get("args") + ": expected " + call.get("result") + ", got " + got);
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(25, compared);
    }

    /** With a directory granted the WASI build links too (wasi:filesystem serves the grant) and gives the same results. */
    @Test
    void theWasiCalculatorGrantedADirectoryLinksAndGivesTheSameResults(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path wasm = fixtures().resolve("c-calculator/calculator-wasi.wasm");
        assumeTrue(Files.exists(wasm), "no calculator-wasi fixture");
        ai.asterai.protocol.release.Permissions declares = new ai.asterai.protocol.release.Permissions(
                List.of(new ai.asterai.protocol.release.Permissions.FileGrant("/data", "ro")), List.of(), List.of(), null, null, List.of());
        Grants grants = new Grants(java.util.Map.of("/data", new Grants.DirGrant(tmp, true)), List.of(), java.util.Map.of(), List.of(),
                false, null, null);
        LoadedComponent calc = runtime.load(new ai.asterai.runtime.ComponentSource(
                "asterai:calculator-wasi", "0.1.0", Files.readAllBytes(wasm), null, null, declares, "test"), grants);
        assertEquals(1, calc.permissions().dirs().size());
        int compared = 0;
        for (JsonNode call : JSON.readTree(fixtures().resolve("c-calculator/expected.json").toFile())) {
            assertTrue(same(call.get("result"), calc.call(call.get("export").asText(), call.get("args"))), call.toString());
            compared++;
        }
        assertEquals(25, compared);
    }

    /** JSON equality as expected.json means it: numbers by value (integers exactly, -0.0 distinct), the rest structurally. */
    static boolean same(JsonNode want, JsonNode got) {
        if (want == null || got == null) {
            return want == got;
        }
        if (want.isNumber() && got.isNumber()) {
            if (want.isFloat() || got.isFloat()) {
                // an f32: expected.json holds the shortest decimal that reads back to the same f32
                return Float.compare((float) want.doubleValue(), (float) got.doubleValue()) == 0;
            }
            if (want.isIntegralNumber() && got.isIntegralNumber()) {
                return want.bigIntegerValue().equals(got.bigIntegerValue());
            }
            if (want.isIntegralNumber() || got.isIntegralNumber()) {
                BigInteger i = (want.isIntegralNumber() ? want : got).bigIntegerValue();
                double d = (want.isIntegralNumber() ? got : want).doubleValue();
                return d == Math.rint(d) && !Double.isInfinite(d) && new java.math.BigDecimal(d).toBigInteger().equals(i)
                        && Double.compare(d, -0.0) != 0;
            }
            return Double.compare(want.doubleValue(), got.doubleValue()) == 0;
        }
        if (want.isArray() && got.isArray()) {
            if (want.size() != got.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!same(want.get(i), got.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isObject() && got.isObject()) {
            if (want.size() != got.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!same(e.getValue(), got.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(got);
    }
}
