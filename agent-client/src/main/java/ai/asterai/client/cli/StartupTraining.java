package ai.asterai.client.cli;

import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.registry.Models;
import ai.asterai.client.registry.RegistryClient;
import ai.asterai.client.registry.RegistryJson;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run for class-data sharing, started once by the ./asterai launcher under
 * {@code -XX:ArchiveClassesAtExit} (or {@code -XX:+AutoCreateSharedArchive}): it loads the classes
 * a typical command needs (the command model, JSON and TOML, the HTTP client, Ed25519, the cache),
 * so later runs map them from the archive instead of loading and verifying them again. It touches
 * nothing outside a temp folder and sends no request anywhere but a closed loopback port.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /** A loopback stand-in for the registry: answers whoami, one search page and a 404 problem. */
    private static HttpServer trainingRegistry() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body;
            if (path.equals("/v1/tokens/self")) {
                body = "{\"id\":1,\"description\":\"training\",\"namespaces\":[\"*\"],\"scopes\":[\"publish\"],\"admin\":false}";
            } else if (path.equals("/v1/search")) {
                body = "{\"results\":[{\"name\":\"training:x\",\"version\":\"1.0.0\",\"description\":\"d\",\"downloads\":1,"
                        + "\"exports\":[],\"keyId\":\"k\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}],\"next\":null}";
            } else {
                status = 404;
                body = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such package\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("asterai-training");
        HttpServer server = trainingRegistry();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("ASTERAI_HOME", home.toString());
        try {
            CliContext ctx = new CliContext(sink, sink, env, home, false);
            CommandRunner.run(new String[] {"--help"}, ctx);
            for (String command : AsteraiCommand.COMMANDS.keySet()) {
                CommandRunner.run(new String[] {command, "--help"}, ctx);
            }
            CommandRunner.run(new String[] {"keygen"}, ctx);
            CommandRunner.run(new String[] {"pull", "training:none@^1", "--offline"}, ctx);
            CommandRunner.run(new String[] {"cache", "ls", "--json"}, ctx);
            CommandRunner.run(new String[] {"login", "--registry", url, "--token", "ast_training"}, ctx);
            CommandRunner.run(new String[] {"search", "training"}, ctx);
            CommandRunner.run(new String[] {"search", "training", "--json"}, ctx);
            CommandRunner.run(new String[] {"info", "training:none"}, ctx);
            CommandRunner.run(new String[] {"whoami", "--registry", "http://127.0.0.1:9"}, ctx);
            RegistryJson.mapper().readValue("{\"name\":\"a:b\",\"version\":\"1.0.0\",\"kind\":\"component\",\"parts\":{\"wit\":"
                    + "{\"digest\":\"sha256:00\",\"size\":1}},\"manifest\":{},\"signature\":{\"keyId\":\"x\",\"signature\":\"y\"}}",
                    Models.VersionInfo.class);
            RegistryJson.mapper().readValue("{\"results\":[{\"name\":\"a:b\",\"exports\":[]}],\"next\":null}", Models.SearchPage.class);
            SigningKey key = SigningKey.generate();
            byte[] message = "training".getBytes(StandardCharsets.UTF_8);
            SignatureVerifier.verify(key.publicKey(), message, key.sign(message));
            Digest.of(message);
            new RegistryClient(RegistryUrl.parse("http://127.0.0.1:9"), (String) null, "asterai/training").toString();
            PackageName.parse("a:b");
        } finally {
            server.stop(0);
            try (Stream<Path> walk = Files.walk(home)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
