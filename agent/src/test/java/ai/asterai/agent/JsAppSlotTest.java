package ai.asterai.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.launch.ComponentSources;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.wit.DepsProvider;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.ComponentLog;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.LogRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/components/js-app (componentize-js: console.log, Date.now(), Math.random(), a file in a
 * granted directory, fetch) in an agent slot, granted /data and the local test server: every call of
 * its calls.json through the slot gives what the reference host (jco transpile + Node) recorded in
 * expected.json.
 */
class JsAppSlotTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The routes of examples/components/reference/test-server.mjs (keep them in step). */
    static HttpServer testServer() throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String[]> routes = Map.of(
                "/hello", new String[] {"text/plain; charset=utf-8", "hello from the test server"},
                "/json", new String[] {"application/json", "{\"answer\":42}"});
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String[] route = routes.get(path);
            byte[] body = (route == null ? "no such page: " + path : route[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", route == null ? "text/plain; charset=utf-8" : route[0]);
            exchange.sendResponseHeaders(route == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void theAppInASlotGivesTheReferenceHostsResults() throws Exception {
        Path app = REPO.resolve("examples/components/js-app");
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (var files = Files.walk(app.resolve("data"))) {
            for (Path p : files.toList()) {
                Path target = data.resolve(app.resolve("data").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        HttpServer server = testServer();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<LogRecord> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> mismatches = new ArrayList<>();
        ComponentSource source = ComponentSources.fromProject(app, DepsProvider.NONE);
        Grants grants = GrantFlags.parse(List.of("/data=" + data + ":ro"), List.of(base), List.of(), List.of(), false, null, null, tmp);
        ComponentSpec spec = new ComponentSpec("app", "asterai:js-app@0.1.0", null, grants);
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(EngineKind.INTERPRETER)
                .withAudit(e -> { }).withLog(log::add));
             ComponentSlot slot = ComponentSlot.open("app", spec, runtime,
                     new Resolved("asterai:js-app@0.1.0 (project)", Digest.of(source.wasm()).toString(), source), c -> c)) {
            JsonNode expected = JSON.readTree(app.resolve("expected.json").toFile());
            for (JsonNode call : expected) {
                ArrayNode args = JSON.createArrayNode();
                call.get("args").forEach(a -> args.add(a.isTextual() ? TextNode.valueOf(a.asText().replace("${server}", base)) : a));
                JsonNode got = slot.call(call.get("export").asText(), args).result();
                if (!call.get("result").equals(got)) {
                    mismatches.add(call.get("export").asText() + " " + call.get("args") + ": expected " + call.get("result") + ", got " + got);
                }
            }
            assertEquals(13, expected.size());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of(), mismatches);
        assertTrue(log.stream().anyMatch(r -> r.message().equals("hello from a JavaScript component")), log::toString);
    }
}
