package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.runtime.sandbox.WasiSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * examples/components/js-wasi/wasi-clock.wasm (componentize-js: console.log, Date.now(), Math.random()
 * through WASI 0.2.12 imports, filesystem included) runs through {@link ComponentRuntime} on the
 * interpreter: its calls give the reference host's results and console.log reaches the component log.
 */
class WasiClockFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theComponentizeJsWasiComponentRunsWithTheReferenceResults() throws Exception {
        Path dir = FixturesTest.fixtures().resolve("js-wasi");
        assumeTrue(Files.exists(dir.resolve("wasi-clock.wasm")), "no js-wasi fixture");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(EngineKind.INTERPRETER)
                .withClock(WasiSandbox.ClockMode.FIXED).withLog(records::add))) {
            LoadedComponent c = runtime.load(ComponentBinaryRunTest.source("asterai:wasi-clock",
                    Files.readAllBytes(dir.resolve("wasi-clock.wasm"))), Grants.NONE);
            List<String> mismatches = new ArrayList<>();
            for (JsonNode call : JSON.readTree(dir.resolve("expected.json").toFile())) {
                JsonNode got = c.call(call.get("export").asText(), call.get("args"));
                if (!FixturesTest.same(call.get("result"), got)) {
                    mismatches.add(call.get("export") + " " + call.get("args") + ": expected " + call.get("result") + ", got " + got);
                }
            }
            assertEquals(List.of(), mismatches);
            assertTrue(records.stream().anyMatch(r -> r.message().equals("hello from a component") && r.level() == LogRecord.Level.INFO),
                    "console.log did not reach the log: " + records);
            // Date.now() reads wasi:clocks/wall-clock: the fixed clock's 2000-01-01T00:00:00Z
            assertEquals(946_684_800_000L, c.call("asterai:wasi-clock/clock@0.1.0#now-ms", JSON.readTree("[]")).asLong());
            double r = c.call("asterai:wasi-clock/clock@0.1.0#random", JSON.readTree("[]")).asDouble();
            assertTrue(r >= 0 && r < 1, "Math.random() gave " + r);
        }
    }
}
