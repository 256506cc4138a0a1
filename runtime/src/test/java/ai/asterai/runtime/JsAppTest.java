package ai.asterai.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
 * examples/components/js-app, a componentize-js component using console.log, Date.now(),
 * Math.random(), a file in a granted directory and fetch, through the runtime: every call of its
 * calls.json gives what the reference host (jco transpile + Node, with the same directory and the
 * same test server) recorded in expected.json. On the interpreter: Chicory's compiler takes about a
 * minute for SpiderMonkey (docs/benchmarks.md).
 */
class JsAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The routes of examples/components/reference/test-server.mjs (keep them in step). */
    static HttpServer testServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String[]> routes = Map.of(
                "/hello", new String[] {"text/plain; charset=utf-8", "hello from the test server"},
                "/json", new String[] {"application/json", "{\"answer\":42}"});
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String[] route = routes.get(path);
            int status = route == null ? 404 : 200;
            byte[] body = (route == null ? "no such page: " + path : route[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", route == null ? "text/plain; charset=utf-8" : route[0]);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A copy of js-app/data (the reference host's /data). */
    static Path dataCopy(Path examples, Path into) throws IOException {
        Path from = examples.resolve("components/js-app/data");
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = into.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return into;
    }

    /** The call's arguments with {@code ${server}} replaced by the test server's base URL. */
    static JsonNode served(JsonNode args, String base) {
        ArrayNode out = JSON.createArrayNode();
        args.forEach(a -> out.add(a.isTextual() ? TextNode.valueOf(a.asText().replace("${server}", base)) : a));
        return out;
    }

    @Test
    void everyCallGivesTheReferenceHostsResult() throws Exception {
        HttpServer server = testServer();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path data = dataCopy(Examples.root(), Files.createDirectories(tmp.resolve("data")));
        try (Examples.Setup s = Examples.runtime(EngineKind.INTERPRETER, RuntimeLimits.DEFAULTS, new OutgoingHttp())) {
            Grants grants = GrantFlags.parse(List.of("/data=" + data + ":ro"), List.of(base), List.of(), List.of(), false, null, null, tmp);
            LoadedComponent app = s.runtime().load(Examples.project("components/js-app"), grants);
            List<String> mismatches = new ArrayList<>();
            int n = 0;
            for (JsonNode call : JSON.readTree(Examples.root().resolve("components/js-app/expected.json").toFile())) {
                n++;
                JsonNode got = app.call(call.get("export").asText(), served(call.get("args"), base));
                if (!ComponentFixturesTest.sameValue(call.get("result"), got)) {
                    mismatches.add(call.get("export").asText() + " " + call.get("args") + ": expected " + call.get("result") + ", got " + got);
                }
            }
            assertEquals(List.of(), mismatches);
            assertEquals(13, n);
            // console.log reached the component's log; the read-only grant was not written to
            assertTrue(s.log().records().stream().anyMatch(r -> r.level() == LogRecord.Level.INFO
                    && r.message().equals("hello from a JavaScript component")), () -> s.log().records().toString());
            assertFalse(Files.exists(tmp.resolve("hello.txt")), "nothing outside the grant");
            // the path with .. was refused and audited as a file denial
            assertFalse(s.audit().denials("file").isEmpty(), () -> s.audit().events().toString());
        } finally {
            server.stop(0);
        }
    }
}
