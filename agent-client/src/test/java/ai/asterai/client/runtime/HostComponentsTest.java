package ai.asterai.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.runtime.engine.EngineKind;
import ai.asterai.client.runtime.host.HostWitText;
import ai.asterai.client.runtime.host.LogRecord;
import ai.asterai.client.runtime.host.OutgoingHttp;
import ai.asterai.client.runtime.sandbox.GrantFlags;
import ai.asterai.client.runtime.sandbox.Grants;
import ai.asterai.client.runtime.sandbox.RuntimeLimits;
import ai.asterai.protocol.release.Permissions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory and web-fetch examples with their host interfaces (files, log, http), swapping, threads. */
class HostComponentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private Grants data(Path dir, boolean readOnly) {
        return GrantFlags.parse(List.of("/data=" + dir + (readOnly ? ":ro" : "")), List.of(), List.of(), List.of(), false, null, null, tmp);
    }

    /** calc-batch calls the calculator through asterai:host/components, in both engines. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(EngineKind.class)
    void aComponentCallsAnotherItDeclaredAndWasGranted(EngineKind engine) throws Exception {
        Grants calculator = GrantFlags.parse(List.of(), List.of(), List.of(), List.of("asterai:calculator"), false, null, null, tmp);
        try (Examples.Setup s = Examples.runtime(engine)) {
            s.runtime().load(Examples.project("calculator"), Grants.NONE);
            LoadedComponent batch = s.runtime().load(Examples.project("calc-batch"), calculator);
            assertEquals(json("{\"ok\":\"{\\\"results\\\":[{\\\"ok\\\":3.0},{\\\"err\\\":\\\"empty expression\\\"}]}\"}"),
                    batch.call("asterai:agent/tool@0.1.0#call", json("[\"{\\\"expressions\\\":[\\\"1+2\\\",\\\"\\\"]}\"]")));
            // bad arguments: a clear err from the tool, the calculator never called
            for (String[] bad : new String[][] {
                    {"{}", "\"expressions\" must be an array of 1 to 32 strings"},
                    {"{\"expressions\":[]}", "\"expressions\" must be an array of 1 to 32 strings"},
                    {"{\"expressions\":\"1+2\"}", "\"expressions\" must be an array of 1 to 32 strings"},
                    {"{\"expressions\":[" + "\"1\",".repeat(32) + "\"1\"]}", "\"expressions\" must be an array of 1 to 32 strings"},
                    {"{\"expressions\":[1]}", "every item of \"expressions\" must be a string"},
                    {"{\"expressions\":[", "invalid arguments: "}}) {
                JsonNode r = batch.call("asterai:agent/tool@0.1.0#call", JSON.createArrayNode().add(bad[0]));
                assertTrue(r.has("err") && r.get("err").asText().contains(bad[1]), bad[0] + " -> " + r);
            }
        }
        // declared but not granted: the host refuses, the tool says so, the audit log has the denial
        try (Examples.Setup s = Examples.runtime(engine)) {
            s.runtime().load(Examples.project("calculator"), Grants.NONE);
            LoadedComponent batch = s.runtime().load(Examples.project("calc-batch"), Grants.NONE);
            JsonNode r = batch.call("asterai:agent/tool@0.1.0#call", JSON.createArrayNode().add("{\"expressions\":[\"1+2\"]}"));
            assertTrue(r.has("err") && r.get("err").asText().contains("cannot call asterai:calculator")
                    && r.get("err").asText().contains("not granted"), r.toString());
            assertFalse(s.audit().denials("component").isEmpty());
        }
    }

    @Test
    void memoryPersistsInTheGrantedDirectoryAndLogsTaggedRecords() throws Exception {
        Path dir = tmp.resolve("notes");
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER)) {
            LoadedComponent mem = s.runtime().load(Examples.project("memory"), data(dir, false));
            assertEquals(json("{\"ok\":null}"), mem.call("store", json("{\"key\":\"greeting\",\"value\":\"héllo\"}")));
            assertEquals(json("{\"ok\":null}"), mem.call("store", json("[\"b-key\",\"second\"]")));
            assertEquals(json("\"héllo\""), mem.call("recall", json("[\"greeting\"]")));
            assertEquals(json("null"), mem.call("recall", json("[\"missing\"]")));
            assertEquals(json("[\"b-key\",\"greeting\"]"), mem.call("list-keys", json("[]")));
            assertTrue(mem.call("store", json("[\"../x\",\"v\"]")).has("err"), "a key cannot name a path");
            assertEquals(json("true"), mem.call("forget", json("[\"b-key\"]")));
            assertEquals("héllo", Files.readString(dir.resolve("greeting")));
            LogRecord stored = s.log().records().stream().filter(r -> r.message().equals("memory: stored")).findFirst().orElseThrow();
            assertEquals("asterai:memory", stored.component());
            assertEquals(LogRecord.Level.DEBUG, stored.level());
            assertTrue(stored.fields().stream().anyMatch(f -> f.getKey().equals("key")), stored.toString());
        }
        // a new runtime (the agent restarted) sees the same data, read-only this time
        try (Examples.Setup s = Examples.runtime(EngineKind.INTERPRETER)) {
            LoadedComponent mem = s.runtime().load(Examples.project("memory"), data(dir, true));
            assertEquals(json("\"héllo\""), mem.call("recall", json("[\"greeting\"]")));
            JsonNode refused = mem.call("store", json("[\"greeting\",\"overwrite\"]"));
            assertTrue(refused.has("err"), refused.toString());
            assertEquals("héllo", Files.readString(dir.resolve("greeting")));
            assertFalse(s.audit().denials("file").isEmpty());
            assertTrue(s.audit().denials("file").get(0).detail().contains("read-only"));
        }
        // without the grant the component sees no /data at all
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER)) {
            LoadedComponent mem = s.runtime().load(Examples.project("memory"), Grants.NONE);
            assertEquals(json("null"), mem.call("recall", json("[\"greeting\"]")));
            assertTrue(mem.permissions().notes().get(0).contains("declares /data (rw) but it is not granted"));
        }
    }

    @Test
    void webFetchGoesThroughTheAllowList() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>hello ✓</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 40; i++) {
                exchange.getResponseBody().write(chunk);
            }
            exchange.close();
        });
        server.start();
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        RuntimeLimits small = new RuntimeLimits(64L << 20, 1L << 30, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(1),
                1L << 20, java.time.Duration.ofSeconds(5), 3, 8192);
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER, small, new OutgoingHttp())) {
            ComponentSource fetch = Examples.project("web-fetch").withPermissions(
                    new Permissions(List.of(), List.of(origin), List.of(), 16L << 20, 15000L, List.of()));
            LoadedComponent c = s.runtime().load(fetch, GrantFlags.parse(List.of(), List.of(origin), List.of(), List.of(), false, null, null, tmp));
            JsonNode r = c.call("call", JSON.createArrayNode().add("{\"url\":\"" + origin + "/page\"}"));
            JsonNode out = JSON.readTree(r.get("ok").asText());
            assertEquals(200, out.get("status").asInt());
            assertEquals("text/html", out.get("content-type").asText());
            assertEquals("<html>hello ✓</html>", out.get("body").asText());
            assertTrue(s.log().records().stream().anyMatch(l -> l.component().equals("asterai:web-fetch") && l.message().equals("web-fetch: fetched")));
            JsonNode big = c.call("call", JSON.createArrayNode().add("{\"url\":\"" + origin + "/big\"}"));
            assertEquals("request failed: too-large", big.get("err").asText());
            JsonNode denied = c.call("call", JSON.createArrayNode().add("{\"url\":\"https://example.com/\"}"));
            assertTrue(denied.get("err").asText().startsWith("request failed: denied: https://example.com:443 is not among the hosts"), denied.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void swapReplacesAVersionWhileTheRuntimeRuns() throws Exception {
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER)) {
            LoadedComponent v1 = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            assertEquals(json("3.0"), v1.call("add", json("[1,2]")));
            assertThrows(IllegalStateException.class, () -> s.runtime().load(Examples.project("calculator"), Grants.NONE));
            ComponentSource next = Examples.project("calculator");
            next = new ComponentSource(next.name(), "0.1.1", next.wasm(), next.wit(), next.world(), next.permissions(), "test");
            LoadedComponent v2 = s.runtime().swap(next, Grants.NONE);
            assertEquals("0.1.1", s.runtime().get("asterai:calculator").orElseThrow().version());
            assertEquals(json("7.0"), s.runtime().call("asterai:calculator", "add", json("[3,4]")));
            assertThrows(IllegalStateException.class, () -> v1.call("add", json("[1,2]")));
            assertEquals(1, s.runtime().loaded().size());
            assertEquals(json("5.0"), v2.call("add", json("[2,3]")));
        }
    }

    @Test
    void concurrentCallsAreSerialisedPerInstance() throws Exception {
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER)) {
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<JsonNode>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    results.add(pool.submit(() -> calc.call("echo-records",
                            json("[[{\"key\":\"k" + n + "\",\"tags\":[\"t" + n + "\"],\"weight\":" + n + "}]]"))));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertEquals("k" + i, results.get(i).get().get(0).get("key").asText());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void embeddedHostWitMatchesTheRepository() throws Exception {
        Path wit = Examples.root().getParent().resolve("wit");
        assertEquals(Files.readString(wit.resolve("host/components.wit")), HostWitText.HOST);
        assertEquals(Files.readString(wit.resolve("http/outgoing.wit")), HostWitText.HTTP);
        assertEquals(Files.readString(wit.resolve("log/logger.wit")), HostWitText.LOG);
        assertEquals(Files.readString(wit.resolve("agent/agent.wit")), HostWitText.AGENT);
        assertEquals(Files.readString(wit.resolve("llm/chat.wit")), HostWitText.LLM);
    }
}
