package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
 * {@code asterai run} on examples/components/js-app (a componentize-js component using console.log,
 * Date.now(), Math.random(), a file in a granted directory and fetch): the first call of each of its
 * six functions in expected.json, one command each (each loads the 12 MB component, about 12 s on the
 * interpreter), prints what the reference host (jco transpile + Node) recorded. Every call of
 * expected.json runs in the runtime (JsAppTest) and in an agent slot (JsAppSlotTest).
 */
class JsAppRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    record Result(int exit, String out, String err) {
    }

    private Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("ASTERAI_HOME", home.toString()), RunCommandTest.examples(), false);
        int exit = CommandRunner.run(args, ctx);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

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
    void eachFunctionUnderAsteraiRunGivesTheReferenceHostsResult() throws Exception {
        Path examples = RunCommandTest.examples();
        Path data = Files.createDirectories(home.resolve("data-copy"));
        RunCommandTest.copyTree(examples.resolve("components/js-app/data"), data);
        HttpServer server = testServer();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<String> mismatches = new ArrayList<>();
        try {
            JsonNode expected = JSON.readTree(examples.resolve("components/js-app/expected.json").toFile());
            java.util.Set<String> done = new java.util.HashSet<>();
            for (JsonNode call : expected) {
                if (!done.add(call.get("export").asText())) {
                    continue;
                }
                List<String> words = new ArrayList<>(List.of("run", "./components/js-app", call.get("export").asText()));
                call.get("args").forEach(a -> words.add(a.asText().replace("${server}", base)));
                words.addAll(List.of("--allow-dir", "/data=" + data + ":ro", "--allow-host", base, "--engine", "interpreter", "--json"));
                Result r = cli(words.toArray(String[]::new));
                if (r.exit() != 0) {
                    mismatches.add(words + ": exit " + r.exit() + ": " + r.err());
                    continue;
                }
                JsonNode got = JSON.readTree(r.out()).get("result");
                if (!call.get("result").equals(got)) {
                    mismatches.add(call.get("export").asText() + " " + call.get("args") + ": expected " + call.get("result") + ", got " + got);
                }
                if (call.get("export").asText().endsWith("#log")) {
                    // console.log goes to the component log, on stderr as JSON lines
                    assertTrue(r.err().contains(call.get("args").get(0).asText()), r.err());
                }
            }
            assertEquals(6, done.size());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of(), mismatches);
    }
}
