package ai.asterai.runtime;

import static ai.asterai.runtime.SandboxEscapeTest.held;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.host.OutgoingHttp;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.GrantFlags;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.RuntimeLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP escapes of {@link SandboxEscapeTest}, by component-model binaries: the hostile
 * http-denied guest and the web-fetch example built as components from their core modules
 * ({@code jco embed} + {@code jco new --wasi-reactor}, examples/components/build.sh), and the
 * componentize-js js-fetch component, whose {@code fetch} goes through wasi:http.
 */
class ComponentHttpEscapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private String local;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "hello from the test server".getBytes(StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/redirect-out")) {
                exchange.getResponseHeaders().add("Location", "http://example.com/stolen");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/page")) {
                byte[] page = "<html>hello ✓</html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        local = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** A core-module example's source with the component built from it in its place. */
    static ComponentSource asComponent(ComponentSource core, String component) {
        try {
            byte[] wasm = Files.readAllBytes(Examples.root().resolve("components").resolve(component));
            return new ComponentSource(core.name(), core.version(), wasm, core.wit(), core.world(), core.permissions(),
                    "component examples/components/" + component);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Grants hosts(String... granted) {
        return GrantFlags.parse(List.of(), List.of(granted), List.of(), List.of(), false, null, null, tmp);
    }

    private static JsonNode runWith(LoadedComponent c, String arg) {
        return c.call("run-with", JSON.createArrayNode().add(arg));
    }

    @Test
    void theHostileComponentIsRefusedEveryHostItWasNotGranted() {
        ComponentSource probe = asComponent(Examples.hostile("http-denied"), "hostile/http-denied.wasm");
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER)) {
            LoadedComponent c = s.runtime().load(probe, hosts("https://example.com"));
            String report = held(c.call("run", JSON.createArrayNode()));
            assertTrue(report.contains("https://example.com:443 is not among the hosts the component declares"), report);
            report = held(runWith(c, local + "/"));
            assertTrue(report.contains(local + " is not among the hosts"), report);
            held(runWith(c, "http://localhost:" + server.getAddress().getPort() + "/"));
            assertEquals(0, hits.get(), "no request may reach the server");
            List<AuditEvent> denials = s.audit().denials("http");
            assertEquals(3, denials.size(), s.audit().events().toString());
            assertEquals("hostile:http-denied", denials.get(1).component());
            assertEquals(local + "/", denials.get(1).target());
            s.runtime().unload(c.name());

            // declared and granted: the server answers (positive control); a redirect off the list is refused
            Permissions declares = new Permissions(List.of(), List.of(local), List.of(), null, null, List.of());
            LoadedComponent allowed = s.runtime().load(probe.withPermissions(declares), hosts(local));
            JsonNode reached = runWith(allowed, local + "/");
            assertTrue(reached.has("err") && reached.get("err").asText().contains("status 200"), reached.toString());
            assertEquals(1, hits.get());
            report = held(runWith(allowed, local + "/redirect-out"));
            assertTrue(report.contains("redirect to http://example.com:80: http://example.com:80 is not among the hosts"), report);
            assertEquals(2, hits.get(), "only the first hop was requested");
            assertEquals(4, s.audit().denials("http").size(), s.audit().events().toString());
            assertTrue(s.audit().denials("http").get(3).detail().startsWith("redirect to http://example.com:80"),
                    s.audit().events().toString());
        }
    }

    @Test
    void aGrantedNameThatResolvesToLoopbackIsRefused() {
        // *.example.com granted, but the name resolves to 127.0.0.1: loopback needs that exact host declared and granted
        ComponentSource probe = asComponent(Examples.hostile("http-denied"), "hostile/http-denied.wasm");
        String pattern = "http://*.example.com:" + server.getAddress().getPort();
        OutgoingHttp rebinding = new OutgoingHttp(java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build(), host -> new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()});
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER, RuntimeLimits.DEFAULTS, rebinding)) {
            Permissions declares = new Permissions(List.of(), List.of(pattern), List.of(), null, null, List.of());
            LoadedComponent c = s.runtime().load(probe.withPermissions(declares), hosts(pattern));
            String report = held(runWith(c, "http://sneaky.example.com:" + server.getAddress().getPort() + "/"));
            assertTrue(report.contains("resolves to the local or private address 127.0.0.1"), report);
            assertEquals(0, hits.get());
            assertEquals(1, s.audit().denials("http").size(), s.audit().events().toString());
        }
    }

    @Test
    void webFetchAsAComponentGivesWhatItsCoreBuildGives() throws Exception {
        RuntimeLimits small = new RuntimeLimits(64L << 20, 1L << 30, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(1),
                1L << 20, java.time.Duration.ofSeconds(5), 3, 8192);
        Permissions declares = new Permissions(List.of(), List.of(local), List.of(), 16L << 20, 15000L, List.of());
        ComponentSource core = Examples.project("web-fetch").withPermissions(declares);
        ComponentSource component = asComponent(core, "web-fetch/web-fetch.wasm");
        List<String> urls = List.of(local + "/page", local + "/redirect-out", "https://example.com/", "ftp://x/");
        try (Examples.Setup s = Examples.runtime(EngineKind.COMPILER, small, new OutgoingHttp())) {
            LoadedComponent a = s.runtime().load(core, hosts(local));
            List<JsonNode> fromCore = urls.stream().map(u -> fetch(a, u)).toList();
            s.runtime().unload(a.name());
            LoadedComponent b = s.runtime().load(component, hosts(local));
            List<JsonNode> fromComponent = urls.stream().map(u -> fetch(b, u)).toList();
            assertEquals(fromCore, fromComponent);
            JsonNode page = JSON.readTree(fromComponent.get(0).get("ok").asText());
            assertEquals(200, page.get("status").asInt());
            assertEquals("<html>hello ✓</html>", page.get("body").asText());
            assertTrue(fromComponent.get(2).get("err").asText().startsWith("request failed: denied: https://example.com:443"),
                    fromComponent.toString());
        }
    }

    private static JsonNode fetch(LoadedComponent c, String url) {
        return c.call("call", JSON.createArrayNode().add("{\"url\":\"" + url + "\"}"));
    }
}
