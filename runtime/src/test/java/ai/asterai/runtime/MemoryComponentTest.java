package ai.asterai.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.Grants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The C memory example built as a component (its core module through {@code jco embed} + {@code jco new
 * --wasi-reactor}: examples/components/memory/memory.wasm), so its files go through the preview1 adapter
 * into {@code wasi:filesystem} 0.2. The same calls against the core build and the component, each with
 * its own granted directory, give the same results and leave the same files; read-only and absent
 * grants behave alike too.
 */
class MemoryComponentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEM = "asterai:agent/memory@0.1.0#";
    private static final String TOOL = "asterai:agent/tool@0.1.0#";

    @TempDir
    Path tmp;

    static ComponentSource component() throws IOException {
        ComponentSource core = Examples.project("memory");
        return new ComponentSource(core.name(), core.version(), Files.readAllBytes(Examples.root().resolve("components/memory/memory.wasm")),
                null, null, core.permissions(), "examples/components/memory/memory.wasm");
    }

    private static Grants data(Path dir, boolean readOnly) throws IOException {
        Files.createDirectories(dir);
        return new Grants(Map.of("/data", new Grants.DirGrant(dir, readOnly)), List.of(), Map.of(), List.of(), false, null, null);
    }

    /** The script: function key and JSON arguments. */
    private static final String[][] CALLS = {
            {MEM + "store", "[\"greeting\",\"héllo\"]"},
            {MEM + "store", "[\"b-key\",\"second\"]"},
            {MEM + "recall", "[\"greeting\"]"},
            {MEM + "recall", "[\"missing\"]"},
            {MEM + "list-keys", "[]"},
            {MEM + "store", "[\"../x\",\"v\"]"},
            {MEM + "store", "[\"/etc/passwd\",\"v\"]"},
            {MEM + "store", "[\"" + "k".repeat(129) + "\",\"v\"]"},
            {MEM + "store", "[\"big\",\"" + "x".repeat(20_000) + "\"]"},
            {MEM + "recall", "[\"big\"]"},
            {MEM + "store", "[\"greeting\",\"overwritten\"]"},
            {MEM + "recall", "[\"greeting\"]"},
            {MEM + "forget", "[\"b-key\"]"},
            {MEM + "forget", "[\"b-key\"]"},
            {TOOL + "call", "[\"{\\\"op\\\":\\\"store\\\",\\\"key\\\":\\\"t\\\",\\\"value\\\":\\\"from the tool\\\"}\"]"},
            {TOOL + "call", "[\"{\\\"op\\\":\\\"recall\\\",\\\"key\\\":\\\"t\\\"}\"]"},
            {TOOL + "call", "[\"{\\\"op\\\":\\\"list\\\"}\"]"},
            {TOOL + "call", "[\"{\\\"op\\\":\\\"forget\\\",\\\"key\\\":\\\"t\\\"}\"]"},
            {TOOL + "call", "[\"{\\\"op\\\":\\\"nope\\\"}\"]"},
            {MEM + "list-keys", "[]"},
    };

    private static List<String> runScript(LoadedComponent c, String[][] calls) throws IOException {
        List<String> out = new ArrayList<>();
        for (String[] call : calls) {
            out.add(call[0] + " " + call[1].substring(0, Math.min(60, call[1].length())) + " -> " + c.call(call[0], JSON.readTree(call[1])));
        }
        return out;
    }

    private static List<String> files(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.add(p.getFileName() + "=" + Files.readString(p).length() + ":" + Files.readString(p).hashCode());
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theComponentGivesTheSameResultsAsTheCoreBuild(EngineKind engine) throws Exception {
        Path coreDir = tmp.resolve("core");
        Path compDir = tmp.resolve("component");
        List<String> core;
        List<String> comp;
        try (Examples.Setup s = Examples.runtime(engine)) {
            core = runScript(s.runtime().load(Examples.project("memory"), data(coreDir, false)), CALLS);
        }
        try (Examples.Setup s = Examples.runtime(engine)) {
            LoadedComponent mem = s.runtime().load(component(), data(compDir, false));
            comp = runScript(mem, CALLS);
            assertTrue(s.log().records().stream().anyMatch(r -> r.message().equals("memory: stored")), "the logger import works");
        }
        assertEquals(core, comp);
        assertEquals(files(coreDir), files(compDir));
        assertEquals(List.of("big", "greeting"), files(compDir).stream().map(f -> f.substring(0, f.indexOf('='))).toList());
        assertEquals("overwritten", Files.readString(compDir.resolve("greeting")));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void readOnlyAndAbsentGrantsBehaveAsForTheCoreBuild(EngineKind engine) throws Exception {
        String[][] script = {
                {MEM + "recall", "[\"greeting\"]"},
                {MEM + "list-keys", "[]"},
                {MEM + "forget", "[\"greeting\"]"},
        };
        for (String kind : List.of("core", "component")) {
            Path dir = tmp.resolve(kind);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("greeting"), "héllo");
        }
        List<String> results = new ArrayList<>();
        List<List<AuditEvent>> audits = new ArrayList<>();
        for (String kind : List.of("core", "component")) {
            try (Examples.Setup s = Examples.runtime(engine)) {
                ComponentSource src = kind.equals("core") ? Examples.project("memory") : component();
                LoadedComponent mem = s.runtime().load(src, data(tmp.resolve(kind), true));
                results.add(String.join("\n", runScript(mem, script)));
                JsonNode refused = mem.call(MEM + "store", JSON.readTree("[\"greeting\",\"overwrite\"]"));
                assertTrue(refused.has("err"), kind + ": " + refused);
                assertEquals("héllo", Files.readString(tmp.resolve(kind).resolve("greeting")), kind);
                audits.add(s.audit().denials("file"));
                s.runtime().unload(mem.name());
                LoadedComponent none = s.runtime().load(src, Grants.NONE);
                assertEquals(JSON.readTree("null"), none.call(MEM + "recall", JSON.readTree("[\"greeting\"]")), kind);
                assertEquals(JSON.readTree("[]"), none.call(MEM + "list-keys", JSON.readTree("[]")), kind);
            }
        }
        assertEquals(results.get(0), results.get(1));
        for (List<AuditEvent> a : audits) {
            assertFalse(a.isEmpty(), "the refused write is audited");
            assertTrue(a.stream().allMatch(e -> e.detail().contains("/data is granted read-only")), a.toString());
        }
    }
}
