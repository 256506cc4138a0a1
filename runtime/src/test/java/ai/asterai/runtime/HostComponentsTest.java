package ai.asterai.runtime;

import ai.asterai.runtime.failure.PermissionDenied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.host.HostWitText;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.RuntimeLimits;
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

    /** {@code calls} echo-records calls from {@code threads} threads at once; each must get its own record back. */
    private static void echoFromThreads(LoadedComponent calc, int calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
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

    @Test
    void concurrentCallsAreSerialisedPerInstance() throws Exception {
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER)) {
            LoadedComponent calc = s.runtime().load(Examples.project("calculator"), Grants.NONE);
            echoFromThreads(calc, 200, 4);
        }
    }

    /** Two concurrent web fetches reach a server that holds them only when two instances may run. */
    private static int mostRequestsInFlight(int instances, Path tmp) throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            byte[] body = "held".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER)) {
            ComponentRuntime rt = new ComponentRuntime(s.runtime().options().withInstances(instances));
            try (rt) {
                ComponentSource fetch = Examples.project("web-fetch").withPermissions(
                        new Permissions(List.of(), List.of(origin), List.of(), 16L << 20, 30000L, List.of()));
                LoadedComponent c = rt.load(fetch, GrantFlags.parse(List.of(), List.of(origin), List.of(), List.of(), false, null, null, tmp));
                List<Future<JsonNode>> calls = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    calls.add(callers.submit(() -> c.call("call", JSON.createArrayNode().add("{\"url\":\"" + origin + "/x\"}"))));
                }
                long until = System.nanoTime() + 5_000_000_000L;
                while (inFlight.get() < instances && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(300); // room for a second request that should not come
                release.countDown();
                for (Future<JsonNode> f : calls) {
                    assertEquals("held", JSON.readTree(f.get().get("ok").asText()).get("body").asText());
                }
                assertTrue(c.liveInstances() <= instances, "live instances: " + c.liveInstances());
            }
        } finally {
            release.countDown();
            callers.shutdownNow();
            server.stop(0);
        }
        return most.get();
    }

    @Test
    void morePermittedInstancesRunCallsToOneComponentInParallel() throws Exception {
        assertEquals(1, mostRequestsInFlight(1, tmp), "one instance: the second call waits for the first");
        assertEquals(2, mostRequestsInFlight(2, tmp), "two instances: both calls are out at once");
        assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.defaults().withInstances(0));
        assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.defaults().withInstances(RuntimeOptions.MAX_INSTANCES + 1));
    }

    /** A component calling back into itself from its own thread is refused, even with free instances. */
    @Test
    void aPoolDoesNotLetAComponentReenterItself() throws Exception {
        List<Throwable> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        LoadedComponent[] memory = new LoadedComponent[1];
        // the guest's log call reaches this sink on the calling thread, in the middle of the guest's call
        ai.asterai.runtime.sandbox.ComponentLog reenter = record -> {
            if (memory[0] != null && record.message().equals("memory: stored") && refused.isEmpty()) {
                try {
                    memory[0].call("recall", JSON.createArrayNode().add("k"));
                    refused.add(new AssertionError("the nested call went through"));
                } catch (RuntimeException e) {
                    refused.add(e);
                }
            }
        };
        try (ComponentRuntime rt = new ComponentRuntime(RuntimeOptions.defaults().withLog(reenter)
                .withAudit(new ai.asterai.runtime.sandbox.AuditLog.InMemory()).withInstances(3))) {
            memory[0] = rt.load(Examples.project("memory"), data(tmp.resolve("notes"), false));
            assertEquals(json("{\"ok\":null}"), memory[0].call("store", json("[\"k\",\"v\"]")));
            assertEquals(1, refused.size());
            assertTrue(refused.get(0) instanceof PermissionDenied && refused.get(0).getMessage().contains("re-entrant call refused"),
                    String.valueOf(refused.get(0)));
            assertEquals(json("\"v\""), memory[0].call("recall", json("[\"k\"]")), "the component itself is unharmed");
        }
    }

    @Test
    void aPoolKeepsEachCallsResultItsOwn() throws Exception {
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER);
             ComponentRuntime rt = new ComponentRuntime(s.runtime().options().withInstances(3))) {
            LoadedComponent calc = rt.load(Examples.project("calculator"), Grants.NONE);
            echoFromThreads(calc, 300, 6);
            assertTrue(calc.liveInstances() >= 1 && calc.liveInstances() <= 3, "live instances: " + calc.liveInstances());
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
