package ai.asterai.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.client.launch.ComponentSources;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.failure.CallTimeout;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A component-model binary in an agent slot (issue #13: "one runtime, two inputs"): the calculator
 * built with {@code jco new} answers as a tool, swaps to the core-module build of the same C code and
 * back with the same results, a component that cannot link leaves the slot as it was, and a swapped-in
 * component whose first call fails rolls back to the core module.
 */
class ComponentBinarySlotTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tool call, and direct calls of the calculator's own interface that the slot also serves. */
    private static final List<String[]> CALLS = List.of(
            new String[] {Agent.CALL, "[\"{\\\"expression\\\": \\\"2*(3+4)\\\"}\"]"},
            new String[] {Agent.CALL, "[\"{\\\"expression\\\": \\\"1/0\\\"}\"]"},
            new String[] {"eval", "[\"-(2.5 - 10) / 0.5\"]"},
            new String[] {"fib", "[93]"},
            new String[] {"echo-records", "[[{\"key\": \"ünï 😀\", \"tags\": [\"x\", \"\"], \"weight\": -2.5}]]"});

    private ComponentRuntime runtime;
    private ComponentSource core;
    private ComponentSource component;

    @BeforeEach
    void setUp() throws Exception {
        Path cm = REPO.resolve("examples/components/c-calculator/calculator.wasm");
        assumeTrue(Files.exists(cm), "no component fixture " + cm);
        core = ComponentSources.fromProject(REPO.resolve("examples/calculator"), DepsProvider.NONE);
        component = withWasm(core, Files.readAllBytes(cm), cm.toString());
        runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(EngineKind.INTERPRETER)
                .withAudit(e -> { }).withLog(ComponentLog.DISCARD));
    }

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The same package (name, WIT, permissions) with other wasm bytes: what a release of the other build would be. */
    private static ComponentSource withWasm(ComponentSource s, byte[] wasm, String origin) {
        return new ComponentSource(s.name(), s.version(), wasm, s.wit(), s.world(), s.permissions(), origin);
    }

    private static Resolved resolved(String reference, ComponentSource s) {
        return new Resolved(reference, Digest.of(s.wasm()).toString(), s);
    }

    /** What the agent checks before a tool slot takes a component: it is a tool, and describe answers. */
    private static ToolInfo check(ai.asterai.runtime.LoadedComponent c) {
        return Agent.describe("calculator", c);
    }

    private static List<JsonNode> callAll(ComponentSlot slot) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String[] c : CALLS) {
            out.add(slot.call(c[0], JSON.readTree(c[1])).result());
        }
        return out;
    }

    @Test
    void aComponentBinaryServesASlotAndSwapsToTheCoreModuleAndBack() throws Exception {
        ComponentSpec spec = new ComponentSpec("calculator", "asterai:calculator@0.1.0", null, Grants.NONE);
        ToolInfo[] info = new ToolInfo[1];
        Resolved asComponent = resolved("asterai:calculator@0.1.0 (component)", component);
        Resolved asModule = resolved("asterai:calculator@0.1.0 (core module)", core);
        try (ComponentSlot slot = ComponentSlot.open("calculator", spec, runtime, asComponent, c -> info[0] = Agent.describe("calculator", c))) {
            assertEquals(Digest.of(component.wasm()).toString(), slot.component().digest());
            ToolInfo componentInfo = info[0];
            assertEquals("calculator", componentInfo.name());
            List<JsonNode> fromComponent = callAll(slot);
            assertEquals(JSON.readTree("{\"ok\": \"{\\\"result\\\":14}\"}"), fromComponent.get(0));
            assertEquals(JSON.readTree("{\"ok\": 15.0}"), fromComponent.get(2));
            assertEquals("12200160415121876738", fromComponent.get(3).asText());
            assertEquals("ünï 😀", fromComponent.get(4).get(0).get("key").asText());

            slot.swap(asModule, c -> info[0] = Agent.describe("calculator", c));
            assertEquals(Digest.of(core.wasm()).toString(), slot.component().digest());
            assertEquals(componentInfo, info[0]);
            assertEquals(fromComponent, callAll(slot));

            slot.swap(asComponent, c -> info[0] = Agent.describe("calculator", c));
            assertEquals(Digest.of(component.wasm()).toString(), slot.component().digest());
            assertEquals(fromComponent, callAll(slot));
            assertEquals(asComponent.reference(), slot.resolved().reference());
        }
    }

    @Test
    void aComponentThatCannotLinkLeavesTheSlotAsItWas() throws Exception {
        // imports wasi:keyvalue, which the host does not provide (the WASI host links cli/io/clocks/random,
        // an ungranted file system, wasi:http and wasi:sockets since issue #14, so those would link)
        Path wasi = REPO.resolve("runtime/src/test/resources/components/imports-wasi.wasm");
        assumeTrue(Files.exists(wasi), "no component fixture " + wasi);
        ComponentSpec spec = new ComponentSpec("calculator", "asterai:calculator@0.1.0", null, Grants.NONE);
        try (ComponentSlot slot = ComponentSlot.open("calculator", spec, runtime, resolved("component", component), ComponentBinarySlotTest::check)) {
            Resolved withWasi = resolved("wasi", withWasm(core, Files.readAllBytes(wasi), wasi.toString()));
            ComponentLinkError e = assertThrows(ComponentLinkError.class, () -> slot.swap(withWasi, ComponentBinarySlotTest::check));
            assertTrue(e.getMessage().contains("wasi:keyvalue"), e.getMessage());
            assertEquals("component", slot.resolved().reference());
            assertEquals(JSON.readTree("{\"ok\": 14.0}"), slot.call("eval", JSON.readTree("[\"2*(3+4)\"]")).result());
        }
    }

    @Test
    void aSwappedInComponentWhoseFirstCallFailsRollsBackToTheCoreModule() throws Exception {
        ComponentSpec spec = new ComponentSpec("calculator", "asterai:calculator@0.1.0", null, Grants.NONE);
        // the component with a 2 s cap per call: fib of 2^32-1 in the interpreter runs far longer
        ComponentSource capped = component.withPermissions(new Permissions(List.of(), List.of(), List.of(), 16L << 20, 2_000L, List.of()));
        try (ComponentSlot slot = ComponentSlot.open("calculator", spec, runtime, resolved("core", core), ComponentBinarySlotTest::check)) {
            slot.swap(resolved("capped component", capped), ComponentBinarySlotTest::check);
            SwapRolledBack e = assertThrows(SwapRolledBack.class, () -> slot.call("fib", JSON.readTree("[4294967295]")));
            assertInstanceOf(CallTimeout.class, e.getCause());
            assertEquals("core", slot.resolved().reference());
            assertEquals(Digest.of(core.wasm()).toString(), slot.component().digest());
            assertEquals("12200160415121876738", slot.call("fib", JSON.readTree("[93]")).result().asText());
        }
    }
}
