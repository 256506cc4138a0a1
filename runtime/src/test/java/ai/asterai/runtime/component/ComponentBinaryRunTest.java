package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.engine.ComponentInstance;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.failure.ComponentTrap;
import ai.asterai.runtime.failure.InvalidArguments;
import ai.asterai.runtime.failure.MemoryLimitExceeded;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A component binary (demo.wat, no imports) run end to end through {@link ComponentRuntime}: loaded,
 * called with JSON and typed values, strings in UTF-8 and UTF-16, lists, records, post-return, traps.
 */
class ComponentBinaryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults());

    @AfterEach
    void close() {
        runtime.close();
    }

    static byte[] resource(String name) {
        try (InputStream in = ComponentBinaryRunTest.class.getResourceAsStream("/components/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ComponentSource source(String name, byte[] wasm) {
        return new ComponentSource(name, "0.1.0", wasm, null, null, Permissions.NONE, "test");
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void exportsCallWithJsonThroughTheRuntime() {
        LoadedComponent demo = runtime.load(source("test:demo", resource("demo.wasm")), Grants.NONE);
        assertEquals(json("\"hello, w\u00f6rld\""), demo.call("greet", json("[\"w\u00f6rld\"]")));
        assertEquals(json("\"hello, \""), demo.call("greet", json("{\"name\": \"\"}")));
        assertEquals(json("2"), demo.call("posts", json("[]"))); // post-return ran after each greet
        assertEquals(json("6000000000"), demo.call("sum", json("[[1000000000, 2000000000, 3000000000]]")));
        assertEquals(json("0"), demo.call("sum", json("[[]]")));
        assertEquals(json("{\"x\": -2, \"y\": 7}"), demo.call("swap", json("[{\"x\": 7, \"y\": -2}]")));
        assertEquals(json("\"ABC-\u00e9\u2603\""), demo.call("example:demo/text@0.1.0#upper", json("[\"abc-\u00e9\u2603\"]")));
        assertEquals(json("\"X\""), runtime.call("test:demo", "text#upper", json("[\"x\"]")));
        List<String> keys = demo.functions().stream().map(f -> f.key()).toList();
        assertEquals(java.util.Set.of("greet", "posts", "sum", "swap", "example:demo/text@0.1.0#upper", "example:demo/text@0.1.0#boom"),
                java.util.Set.copyOf(keys));
        assertEquals(List.of("example:demo/text@0.1.0"), demo.world().exportedInterfaces());
    }

    @Test
    void typedCallsAndWordsWorkToo() {
        LoadedComponent demo = runtime.load(source("test:demo", resource("demo.wasm")), Grants.NONE);
        assertEquals(new WitValue.Str("hello, you"), demo.call(demo.function("greet"), List.of(new WitValue.Str("you"))));
        assertEquals(json("\"hello, a b\""), demo.callWords("greet", List.of("a b")));
    }

    @Test
    void argumentsThatDoNotFitAreRefusedAndATrapReplacesTheInstance() {
        LoadedComponent demo = runtime.load(source("test:demo", resource("demo.wasm")), Grants.NONE);
        InvalidArguments bad = assertThrows(InvalidArguments.class, () -> demo.call("sum", json("[[1, -1]]")));
        assertTrue(bad.getMessage().contains("xs[1]"), bad.getMessage());
        assertThrows(InvalidArguments.class, () -> demo.call("greet", json("[\"\\ud800\"]")));
        ComponentTrap t = assertThrows(ComponentTrap.class, () -> demo.call("boom", json("[]")));
        assertTrue(t.getMessage().contains("unreachable"), t.getMessage());
        assertEquals(json("\"hello, again\""), demo.call("greet", json("[\"again\"]")));
        assertEquals(json("1"), demo.call("posts", json("[]"))); // a fresh instance
    }

    @Test
    void aSecondInstanceSharesTheCompiledModules() {
        LoadedComponent demo = runtime.load(source("test:demo", resource("demo.wasm")), Grants.NONE);
        int compiled = runtime.compiledModules();
        ComponentInstance second = demo.newInstance();
        assertEquals(compiled, runtime.compiledModules());
        assertNotSame(null, second);
        second.close();
    }

    @Test
    void aMalformedComponentIsALinkError() {
        byte[] wasm = resource("demo.wasm");
        byte[] cut = java.util.Arrays.copyOf(wasm, wasm.length / 2);
        ComponentLinkError e = assertThrows(ComponentLinkError.class, () -> runtime.load(source("test:cut", cut), Grants.NONE));
        assertTrue(e.getMessage().contains("not a valid component"), e.getMessage());
    }

    @Test
    void importsTheHostDoesNotProvideAreRefusedByName() {
        ComponentLinkError e = assertThrows(ComponentLinkError.class,
                () -> runtime.load(source("test:wasi", resource("imports-wasi.wasm")), Grants.NONE));
        assertTrue(e.getMessage().contains("imports wasi:keyvalue/store@0.2.0, log, which this host does not provide"), e.getMessage());
        assertTrue(e.getMessage().contains("WASI 0.2"), e.getMessage());
    }

    @Test
    void aCoreMemoryAboveTheCapIsAMemoryFailure() {
        ComponentSource big = source("test:big", resource("big-memory.wasm"))
                .withPermissions(new Permissions(List.of(), List.of(), List.of(), 16L << 20, null, List.of()));
        MemoryLimitExceeded e = assertThrows(MemoryLimitExceeded.class, () -> runtime.load(big, Grants.NONE));
        assertTrue(e.getMessage().contains("32768 KiB"), e.getMessage());
        // under a cap that fits, it loads
        runtime.load(source("test:big", resource("big-memory.wasm")), Grants.NONE).call("f", json("[]"));
    }

    @Test
    void theMemoryCapHoldsForAllTheCoreMemoriesOfAComponentTogether() {
        // 4 MiB = 64 pages for the component; its two core memories start with 1 page each
        ComponentSource two = source("test:two-memories", resource("two-memories.wasm"))
                .withPermissions(new Permissions(List.of(), List.of(), List.of(), 4L << 20, null, List.of()));
        LoadedComponent c = runtime.load(two, Grants.NONE);
        assertEquals(json("1"), c.call("grow-a", json("[40]")), "the first memory grows from 1 to 41 pages");
        assertEquals(json("-1"), c.call("grow-b", json("[40]")), "41 + 41 pages would pass the cap of 64");
        assertEquals(json("1"), c.call("grow-b", json("[22]")), "what is left of the cap: 41 + 23 = 64 pages");
        assertEquals(json("-1"), c.call("grow-a", json("[1]")), "and not a page more, in either memory");
        assertEquals(json("23"), c.call("grow-b", json("[0]")));
    }

    @Test
    void nestedComponentsCallEachOtherWithStringsTranscoded() {
        LoadedComponent nested = runtime.load(source("test:nested", resource("nested.wasm")), Grants.NONE);
        assertEquals(json("\"h\u00f6\u2603h\u00f6\u2603\""), nested.call("run", json("[\"h\u00f6\u2603\"]")));
        assertEquals(json("\"\""), nested.call("run", json("[\"\"]")));
        assertEquals(json("\"\ud83c\udf70\ud83c\udf70\""), nested.call("run", json("[\"\ud83c\udf70\"]")));
    }

    @Test
    void aHostInterfaceImportIsProvidedToComponentBinaries() {
        List<ai.asterai.runtime.sandbox.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ComponentRuntime withLog = new ComponentRuntime(RuntimeOptions.defaults().withLog(records::add))) {
            LoadedComponent c = withLog.load(source("test:uses-log", resource("uses-log.wasm")), Grants.NONE);
            c.call("run", json("[]"));
        }
        ai.asterai.runtime.sandbox.LogRecord r = records.stream().filter(x -> x.message().equals("hello from a component"))
                .findFirst().orElseThrow(() -> new AssertionError("no record in " + records));
        assertEquals("test:uses-log", r.component());
        assertEquals(ai.asterai.runtime.sandbox.LogRecord.Level.INFO, r.level()); // case 2 of trace, debug, info
        assertEquals(List.of(java.util.Map.entry("kind", "cm")), r.fields());
    }

    @Test
    void aHostImportDeclaredWithAnotherTypeIsRefused() {
        ComponentLinkError e = assertThrows(ComponentLinkError.class,
                () -> runtime.load(source("test:wrong", resource("log-wrong-type.wasm")), Grants.NONE));
        assertTrue(e.getMessage().contains("imports asterai:log/logger@0.1.0#log as log: func(message: string)"), e.getMessage());
    }
}
