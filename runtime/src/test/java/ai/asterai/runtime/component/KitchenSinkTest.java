package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.json.WitJson;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * cm-fixtures' componentize-js component (12 MB, SpiderMonkey inside, no imports): every call of its
 * expected.json through the runtime, with the resource's handles named as the reference host names
 * them ({@code counter#n} by order of arrival). Runs in CI on the interpreter, which prepares the 12 MB
 * module in seconds; Chicory's compiler takes about a minute for it (docs/benchmarks.md, "Component
 * runtime"): {@code -Dkitchen-sink.engine=COMPILER} runs it there, {@code -Dkitchen-sink=false} skips it.
 */
class KitchenSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ComponentRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void everyCallGivesTheReferenceHostsResult() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("kitchen-sink")), "skipped with -Dkitchen-sink=false");
        Path dir = FixturesTest.fixtures().resolve("js-kitchen-sink");
        assumeTrue(Files.exists(dir.resolve("kitchen-sink.wasm")), "no kitchen-sink fixture");
        runtime = new ComponentRuntime(RuntimeOptions.defaults()
                .withEngine(EngineKind.valueOf(System.getProperty("kitchen-sink.engine", "INTERPRETER"))));
        byte[] wasm = Files.readAllBytes(dir.resolve("kitchen-sink.wasm"));
        long t0 = System.nanoTime();
        LoadedComponent c = runtime.load(ComponentBinaryRunTest.source("asterai:kitchen-sink", wasm), Grants.NONE);
        System.out.printf("kitchen-sink: loaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        Map<String, WitValue.Handle> handles = new HashMap<>();
        t0 = System.nanoTime();
        List<String> mismatches = new ArrayList<>();
        boolean poisoned = false;
        int n = 0;
        for (JsonNode call : JSON.readTree(dir.resolve("expected.json").toFile())) {
            if (call.path("fresh").asBoolean(false)) {
                runtime.unload("asterai:kitchen-sink");
                c = runtime.load(ComponentBinaryRunTest.source("asterai:kitchen-sink", wasm), Grants.NONE);
                poisoned = false;
            }
            n++;
            String name = call.get("export").asText();
            if (poisoned) {
                if (!call.has("trap")) {
                    mismatches.add(name + ": expected a result after a trap without fresh");
                }
                continue;
            }
            ExportedFunction f = c.function(name);
            List<WitValue> args = new ArrayList<>();
            for (int i = 0; i < f.signature().params().size(); i++) {
                AbiType t = f.signature().params().get(i).type();
                JsonNode a = call.get("args").get(i);
                args.add(arg(t, a, handles));
            }
            JsonNode got;
            try {
                WitValue r = c.call(f, args);
                AbiType rt = f.signature().result();
                if (rt instanceof AbiType.OwnT) {
                    String h = "counter#" + (handles.size() + 1);
                    handles.put(h, (WitValue.Handle) r);
                    got = JsonNodeFactory.instance.objectNode().put("handle", h);
                } else {
                    got = rt == null ? NullNode.getInstance() : WitJson.toJson(rt, r);
                }
            } catch (ComponentTrap e) {
                poisoned = true;
                if (!call.has("trap")) {
                    mismatches.add(name + " " + call.get("args") + ": trapped: " + e.getMessage());
                }
                continue;
            }
            if (call.has("trap")) {
                mismatches.add(name + " " + call.get("args") + ": expected a trap, got " + got);
            } else if (!FixturesTest.same(call.get("result"), got)) {
                mismatches.add(name + " " + call.get("args") + ": expected " + call.get("result") + ", got " + got);
            }
        }
        System.out.printf("kitchen-sink: %d calls, %d mismatches, calls took %d ms%n", n, mismatches.size(),
                (System.nanoTime() - t0) / 1_000_000);
        mismatches.forEach(m -> System.out.println("  " + m));
        assertEquals(List.of(), mismatches);
    }

    /** A handle (also inside a list) is the one received earlier under that name; the rest is WitJson. */
    private static WitValue arg(AbiType t, JsonNode a, Map<String, WitValue.Handle> handles) {
        if (t instanceof AbiType.HandleT) {
            return handles.get(a.get("handle").asText());
        }
        if (t instanceof AbiType.ListT l && (l.element() instanceof AbiType.HandleT)) {
            List<WitValue> items = new ArrayList<>();
            for (JsonNode x : a) {
                items.add(arg(l.element(), x, handles));
            }
            return new WitValue.ListV(items);
        }
        return WitJson.fromJson(t, a);
    }
}
