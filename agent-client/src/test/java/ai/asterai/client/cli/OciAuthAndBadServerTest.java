package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.DockerRegistry;
import ai.asterai.client.testing.Projects;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials (docker-registry behind htpasswd Basic auth, credentials from a temp DOCKER_CONFIG; a
 * Bearer token endpoint) and registries that answer badly (a tiny local HTTP server): every failure
 * is one line on stderr and a non-zero exit, never a stack trace.
 */
class OciAuthAndBadServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void basicAuthWithCredentialsFromDockerConfig(@TempDir Path dir) throws Exception {
        try (DockerRegistry registry = DockerRegistry.start(Files.createDirectories(dir.resolve("registry")), "alice", "s3cret pass")) {
            String ref = "oci://" + registry.authority() + "/acme/private:1.0.0";
            Cli publisher = new Cli(Files.createDirectories(dir.resolve("publisher")), dir);
            String key = JSON.readTree(publisher.ok("keygen", "--json").out()).get("publicKey").asText();
            Path project = Projects.component(dir.resolve("project"), "acme:private", "1.0.0");

            Cli.Result denied = publisher.in(project).env("DOCKER_CONFIG", dir.resolve("none").toString()).fails(1, "publish", "--oci", ref);
            assertTrue(denied.err().contains("HTTP 401") && denied.err().contains("docker/config.json"), denied.toString());

            Path docker = Files.createDirectories(dir.resolve("docker"));
            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.authority() + "\":{\"auth\":\""
                    + OciPullPushTest.dockerAuth("alice", "s3cret pass") + "\"}}}");
            publisher.in(project).env("DOCKER_CONFIG", docker.toString()).ok("publish", "--oci", ref);

            Cli puller = new Cli(Files.createDirectories(dir.resolve("puller")), dir).env("DOCKER_CONFIG", docker.toString());
            JsonNode pulled = JSON.readTree(puller.ok("pull", ref, "--trusted-key", key, "--json").out());
            assertEquals(Digest.of(Projects.EMPTY_MODULE).toString(), pulled.get("wasmDigest").asText());

            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.authority() + "\":{\"auth\":\""
                    + OciPullPushTest.dockerAuth("alice", "wrong") + "\"}}}");
            puller.fails(1, "pull", ref, "--trusted-key", key);
            Files.writeString(docker.resolve("config.json"), "{\"auths\": [");
            Cli.Result broken = puller.fails(1, "pull", ref, "--trusted-key", key);
            assertTrue(broken.err().contains("config.json"), broken.toString());
        }
    }

    /** A registry that asks for a Bearer token, and the token endpoint that checks Basic credentials. */
    @Test
    void bearerTokenFlowWithBasicCredentialsAtTheTokenEndpoint(@TempDir Path dir) throws Exception {
        byte[] wasm = Projects.EMPTY_MODULE;
        byte[] config = "{\"created\":\"2026-01-01T00:00:00Z\",\"architecture\":\"wasm\",\"os\":\"wasip1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = new OciManifest(null, OciDescriptor.of(OciMediaTypes.WASM_CONFIG, config),
                List.of(OciDescriptor.of(OciMediaTypes.WASM_LAYER, wasm)), null, Map.of()).toJson();
        AtomicInteger tokens = new AtomicInteger();
        try (Server s = new Server()) {
            String realm = "http://127.0.0.1:" + s.port() + "/token";
            s.handle(ex -> {
                String path = ex.getRequestURI().getPath();
                if (path.equals("/token")) {
                    String auth = ex.getRequestHeaders().getFirst("Authorization");
                    boolean good = ("Basic " + OciPullPushTest.dockerAuth("bob", "pw")).equals(auth)
                            && ex.getRequestURI().getQuery().contains("scope=repository:team/tool:pull")
                            && ex.getRequestURI().getQuery().contains("service=test-registry");
                    tokens.incrementAndGet();
                    send(ex, good ? 200 : 401, "application/json", good ? "{\"token\":\"tok-123\"}".getBytes() : new byte[0]);
                    return;
                }
                if (!"Bearer tok-123".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm
                            + "\",service=\"test-registry\",scope=\"repository:team/tool:pull\"");
                    send(ex, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
                    return;
                }
                if (path.endsWith("/manifests/1")) {
                    send(ex, 200, OciMediaTypes.IMAGE_MANIFEST, manifest);
                } else if (path.contains("/referrers/") || path.contains("/manifests/sha256-")) {
                    send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"no\"}]}".getBytes());
                } else if (path.endsWith("/blobs/" + Digest.of(wasm))) {
                    send(ex, 200, "application/octet-stream", wasm);
                } else {
                    send(ex, 404, "text/plain", new byte[0]);
                }
            });
            Path docker = Files.createDirectories(dir.resolve("docker"));
            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"https://127.0.0.1:" + s.port() + "\":{\"username\":\"bob\",\"password\":\"pw\"}}}");
            Cli puller = new Cli(Files.createDirectories(dir.resolve("home")), Files.createDirectories(dir.resolve("work")))
                    .env("DOCKER_CONFIG", docker.toString());
            String ref = "oci://127.0.0.1:" + s.port() + "/team/tool:1";
            JsonNode pulled = JSON.readTree(puller.ok("pull", ref, "--allow-unsigned", "--json").out());
            assertFalse(pulled.get("signed").asBoolean());
            assertEquals(1, tokens.get(), "one token, reused for every request of the same scope");

            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"127.0.0.1:" + s.port() + "\":{\"username\":\"bob\",\"password\":\"bad\"}}}");
            Cli.Result r = new Cli(Files.createDirectories(dir.resolve("home2")), dir).env("DOCKER_CONFIG", docker.toString())
                    .fails(1, "pull", ref, "--allow-unsigned");
            assertTrue(r.err().contains("HTTP 401"), r.toString());
        }
    }

    @Test
    void badServerAnswersGiveOneLineAndNonZeroExit(@TempDir Path dir) throws Exception {
        byte[] wasm = Projects.EMPTY_MODULE;
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] good = new OciManifest(null, OciDescriptor.of(OciMediaTypes.WASM_CONFIG, config),
                List.of(OciDescriptor.of(OciMediaTypes.WASM_LAYER, wasm)), null, Map.of()).toJson();
        byte[] image = new OciManifest(null, OciDescriptor.of("application/vnd.oci.image.config.v1+json", config),
                List.of(OciDescriptor.of("application/vnd.oci.image.layer.v1.tar+gzip", wasm)), null, Map.of()).toJson();
        byte[] lies = new OciManifest(null, OciDescriptor.of(OciMediaTypes.WASM_CONFIG, config),
                List.of(new OciDescriptor(OciMediaTypes.WASM_LAYER, Digest.of(new byte[100]), 100)), null, Map.of()).toJson();
        try (Server s = new Server()) {
            s.handle(ex -> {
                String path = ex.getRequestURI().getPath();
                String repo = path.substring("/v2/".length(), Math.max("/v2/".length(), path.indexOf("/manifests/") < 0
                        ? path.indexOf("/blobs/") < 0 ? path.length() : path.indexOf("/blobs/") : path.indexOf("/manifests/")));
                if (path.contains("/referrers/") || path.contains("/manifests/sha256-")) {
                    send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"no\"}]}".getBytes());
                    return;
                }
                switch (repo) {
                    case "huge" -> {
                        // announces 5 MiB and sends nothing yet: refused on the header, before any body is read
                        // (closing at once instead races the client: it may see the broken read first, exit 3)
                        ex.getResponseHeaders().add("Content-Type", OciMediaTypes.IMAGE_MANIFEST);
                        ex.sendResponseHeaders(200, 5 * 1024 * 1024);
                        ex.getResponseBody().flush();
                        try {
                            Thread.sleep(5_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        ex.close();
                    }
                    case "chunked-huge" -> {
                        ex.getResponseHeaders().add("Content-Type", OciMediaTypes.IMAGE_MANIFEST);
                        ex.sendResponseHeaders(200, 0);
                        try (OutputStream o = ex.getResponseBody()) {
                            byte[] junk = new byte[64 * 1024];
                            java.util.Arrays.fill(junk, (byte) ' ');
                            for (int i = 0; i < 80; i++) {
                                o.write(junk);
                            }
                        } catch (IOException closedByClient) {
                            // the client stops reading at the cap
                        }
                    }
                    case "wrong-type" -> send(ex, 200, "application/vnd.docker.distribution.manifest.v2+json", good);
                    case "bad-json" -> send(ex, 200, OciMediaTypes.IMAGE_MANIFEST, "{\"schemaVersion\":2,".getBytes());
                    case "image" -> send(ex, 200, OciMediaTypes.IMAGE_MANIFEST, image);
                    case "error-html" -> send(ex, 500, "text/html", "<html>oops\n\u001b[31m</html>".getBytes());
                    case "short-blob" -> {
                        if (path.contains("/manifests/")) {
                            send(ex, 200, OciMediaTypes.IMAGE_MANIFEST, lies);
                        } else {
                            // announces 100 bytes, sends 10 and hangs up
                            ex.sendResponseHeaders(200, 100);
                            try (OutputStream o = ex.getResponseBody()) {
                                o.write(new byte[10]);
                                o.flush();
                            } catch (IOException ignored) {
                                // closing short of the announced length makes the server complain; that is the point
                            }
                        }
                    }
                    case "redirect-loop" -> {
                        if (path.contains("/manifests/")) {
                            send(ex, 200, OciMediaTypes.IMAGE_MANIFEST, good);
                        } else {
                            ex.getResponseHeaders().add("Location", path);
                            send(ex, 307, "text/plain", new byte[0]);
                        }
                    }
                    case "redirect-http" -> {
                        if (path.contains("/manifests/")) {
                            send(ex, 200, OciMediaTypes.IMAGE_MANIFEST, good);
                        } else {
                            ex.getResponseHeaders().add("Location", "http://storage.example.com/blob");
                            send(ex, 307, "text/plain", new byte[0]);
                        }
                    }
                    default -> send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}".getBytes());
                }
            });
            Cli puller = new Cli(Files.createDirectories(dir.resolve("home")), Files.createDirectories(dir.resolve("work")))
                    .env("DOCKER_CONFIG", dir.resolve("no-docker").toString()).env("ASTERAI_OCI_READ_TIMEOUT", "2");
            String base = "oci://127.0.0.1:" + s.port() + "/";
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("huge", "more than the");
            expected.put("chunked-huge", "larger than");
            expected.put("wrong-type", "media type");
            expected.put("bad-json", "not valid");
            expected.put("image", "not a WebAssembly component artifact");
            expected.put("error-html", "HTTP 500");
            expected.put("short-blob", "sent nothing for 2 s");
            expected.put("redirect-loop", "redirected more than");
            expected.put("redirect-http", "plain-HTTP");
            expected.put("missing", "not found");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Cli.Result r = puller.run("pull", base + e.getKey() + ":1", "--allow-unsigned");
                assertTrue(r.code() != 0, e.getKey() + ": " + r);
                String[] lines = r.err().strip().split("\n");
                assertEquals(1, lines.length, e.getKey() + ": " + r);
                assertTrue(lines[0].startsWith("error: ") && lines[0].contains(e.getValue()) && !lines[0].contains("internal error"),
                        e.getKey() + ": " + r);
                assertFalse(lines[0].contains("\u001b"), "no escape sequences from the server reach the terminal");
            }
            try (var files = Files.exists(puller.home().resolve("cache/sha256")) ? Files.list(puller.home().resolve("cache/sha256"))
                    : java.util.stream.Stream.<Path>empty()) {
                assertEquals(0, files.count(), "nothing from a bad server is cached");
            }
        }
    }

    @Test
    void aServerThatIsNotHttpGivesOneLine(@TempDir Path dir) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = ss.accept()) {
                    c.getOutputStream().write("garbage\r\n\r\n".getBytes());
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            Cli puller = new Cli(Files.createDirectories(dir.resolve("home")), dir);
            Cli.Result r = puller.fails(3, "pull", "oci://127.0.0.1:" + ss.getLocalPort() + "/x/y:1", "--allow-unsigned");
            assertTrue(r.err().contains("cannot read from the OCI registry"), r.toString());
        }
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
    }

    /** A tiny HTTP server on loopback whose one handler plays a registry. */
    static final class Server implements AutoCloseable {
        private final HttpServer server;

        Server() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a handler that stalls must not hold up the next case
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void handle(IoConsumer<HttpExchange> h) {
            server.createContext("/", ex -> {
                try {
                    h.accept(ex);
                } finally {
                    ex.close();
                }
            });
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
