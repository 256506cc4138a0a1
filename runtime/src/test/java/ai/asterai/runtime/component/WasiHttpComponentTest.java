package ai.asterai.runtime.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.ComponentRuntime;
import ai.asterai.runtime.ComponentSource;
import ai.asterai.runtime.LoadedComponent;
import ai.asterai.runtime.RuntimeOptions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.sandbox.AuditLog;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.WasiSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wasi:http through a real guest: examples/components/js-fetch/js-fetch.wasm (componentize-js, whose
 * {@code fetch} is StarlingMonkey's wasi:http client: fields, outgoing-request, outgoing-handler,
 * future-incoming-response with its pollable, incoming-body streams). A granted local server answers;
 * a host not granted, loopback on another port and a redirect off the list are refused with
 * HTTP-request-denied and audited like asterai:http's denials.
 */
class WasiHttpComponentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @Test
    void fetchGoesThroughTheAllowList() throws Exception {
        Path wasm = FixturesTest.fixtures().resolve("js-fetch/js-fetch.wasm");
        assumeTrue(Files.exists(wasm), "no js-fetch fixture");
        AtomicInteger hits = new AtomicInteger();
        AtomicReference<String> agent = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            agent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            if (exchange.getRequestURI().getPath().equals("/redirect-out")) {
                exchange.getResponseHeaders().add("Location", "http://example.com/stolen");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        String local = "http://127.0.0.1:" + server.getAddress().getPort();
        AuditLog.InMemory audit = new AuditLog.InMemory();
        try (ComponentRuntime runtime = new ComponentRuntime(RuntimeOptions.defaults().withEngine(EngineKind.INTERPRETER)
                .withClock(WasiSandbox.ClockMode.FIXED).withAudit(audit))) {
            Permissions declares = new Permissions(List.of(), List.of(local), List.of(), null, 20_000L, List.of());
            LoadedComponent c = runtime.load(new ComponentSource("asterai:js-fetch", "0.1.0", Files.readAllBytes(wasm), null, null,
                    declares, "test"), GrantFlags.parse(List.of(), List.of(local), List.of(), List.of(), false, null, null, tmp));

            assertEquals(JSON.readTree("{\"ok\":\"200 hello /a/b?q=1\"}".replace("/a/b?q=1", "/a/b")), get(c, local + "/a/b?q=1"));
            assertEquals(1, hits.get());

            // HTTP-request-denied reaches fetch() as StarlingMonkey's generic network error; the reason is audited
            JsonNode denied = get(c, "https://example.com/");
            assertEquals(JSON.readTree("{\"err\":\"NetworkError when attempting to fetch resource\"}"), denied);
            assertEquals(1, audit.denials("http").size(), audit.events().toString());
            assertEquals("https://example.com/", audit.denials("http").get(0).target());

            JsonNode loopback = get(c, "http://127.0.0.1:" + (server.getAddress().getPort() == 1 ? 2 : 1) + "/");
            assertTrue(loopback.has("err"), loopback.toString());
            assertEquals(2, audit.denials("http").size(), audit.events().toString());

            JsonNode redirect = get(c, local + "/redirect-out");
            assertTrue(redirect.has("err"), redirect.toString());
            assertEquals(3, audit.denials("http").size(), audit.events().toString());
            assertTrue(audit.denials("http").get(2).detail().startsWith("redirect to http://example.com:80"), audit.events().toString());
            assertEquals(2, hits.get(), "the redirect's target was never requested");

            // the same instance still works after the refusals
            assertEquals(JSON.readTree("{\"ok\":\"200 hello /again\"}"), get(c, local + "/again"));
        } finally {
            server.stop(0);
        }
    }

    private static JsonNode get(LoadedComponent c, String url) {
        return c.call("get", JSON.createArrayNode().add(url));
    }
}
