package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.Projects;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.LogAudit;
import ai.asterai.protocol.tlog.NoteSigner;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.Tile;
import ai.asterai.registry.testing.RegistryProcess;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split view served through a proxy in front of a real registry process: the registry (its log key
 * in the attacker's hands) shows one client a forked log, a checkpoint of its own signing over the real
 * entries plus one the others never see, while every other request goes through unchanged. The victim
 * alone cannot tell (docs/transparency.md, threat model); once it is shown the real log, which grew on
 * its own branch, the consistency check refuses (exit 2, "forked"), while a client that only ever saw
 * the real log accepts it. A client that requires a witness cosignature refuses the forged view at once.
 */
class LogForkProxyTest {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");
    private static RegistryProcess registry;
    private static HttpServer proxy;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** While set: the forged checkpoint and entry bundles this proxy serves instead of the registry's. */
    private static volatile Forged forged;

    @TempDir
    static Path tmp;

    record Forged(byte[] note, List<byte[]> entries) {
    }

    @BeforeAll
    static void start() throws IOException {
        registry = RegistryProcess.start();
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.setExecutor(Executors.newFixedThreadPool(4));
        proxy.createContext("/", LogForkProxyTest::handle);
        proxy.start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.stop(0);
        }
        if (registry != null) {
            registry.close();
        }
    }

    static String proxyUrl() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Forged f = forged;
            if (f != null && ex.getRequestMethod().equals("GET") && path.equals("/tlog/checkpoint")) {
                reply(ex, 200, f.note());
                return;
            }
            if (f != null && ex.getRequestMethod().equals("GET") && path.startsWith("/tlog/tile/entries/")) {
                Tile t = Tile.parse(path.substring("/tlog/".length()));
                int from = (int) (t.index() * Tile.WIDTH);
                reply(ex, 200, EntryBundle.encode(f.entries().subList(from, from + t.width())));
                return;
            }
            String query = ex.getRequestURI().getRawQuery();
            HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(registry.url() + path + (query == null ? "" : "?" + query)));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> out.header(name, v));
                }
            });
            byte[] body = ex.getRequestBody().readAllBytes();
            out.method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> in = HTTP.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            in.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    ex.getResponseHeaders().put(name, values);
                }
            });
            reply(ex, in.statusCode(), in.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static byte[] get(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    /** The registry's log as served now, plus one entry nobody else sees, under a checkpoint signed with the log's key. */
    private static Forged fork() throws Exception {
        Checkpoint real = Checkpoint.parse(SignedNote.parse(get("/tlog/checkpoint")).text());
        List<byte[]> entries = new ArrayList<>();
        for (long n = 0; n * Tile.WIDTH < real.size(); n++) {
            int width = (int) Math.min(Tile.WIDTH, real.size() - n * Tile.WIDTH);
            entries.addAll(EntryBundle.decode(get("/tlog/" + new Tile(Tile.ENTRIES, n, width).path())));
        }
        entries.add("an entry only the victim is shown".getBytes(StandardCharsets.UTF_8));
        LogAudit tree = new LogAudit();
        entries.forEach(tree::add);
        NoteSigner key = new NoteSigner(real.origin(), SigningKey.parse(RegistryProcess.TLOG_SIGNING_KEY));
        String note = SignedNote.sign(new Checkpoint(real.origin(), entries.size(), tree.root()).text(), key).format();
        return new Forged(note.getBytes(StandardCharsets.UTF_8), entries);
    }

    @Test
    void aSplitViewIsRefusedOnceTheVictimSeesTheRealLog() throws Exception {
        Cli publisher = new Cli(tmp.resolve("publisher"), tmp);
        publisher.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        publisher.ok("keygen");
        publisher.ok("namespace", "create", "split");
        publisher.ok("key", "add", "split");
        publisher.ok("publish", Projects.component(tmp.resolve("src1"), "split:app", "1.0.0").toString());

        Cli victim = new Cli(tmp.resolve("victim"), tmp);
        Cli bystander = new Cli(tmp.resolve("bystander"), tmp);
        Cli witnessed = new Cli(tmp.resolve("witnessed"), tmp);
        java.nio.file.Files.createDirectories(tmp.resolve("witnessed/trust"));
        forged = fork();
        try {
            // alone, the victim cannot tell: the forged tree extends what it could check
            victim.ok("pull", "split:app@1.0.0", "--registry", proxyUrl());
            // a client that requires a witness's cosignature refuses the forged checkpoint (no witness saw it)
            java.nio.file.Files.writeString(tmp.resolve("witnessed/trust/witnesses.toml"),
                    "required = 1\nwitnesses = [\"witness.test/one+dbe1cdc8+BDTrD86OxAseWxLD8Pq75aashAOQD8OtsTMYfao6fMkn\"]\n");
            Cli.Result refused = witnessed.run("pull", "split:app@1.0.0", "--registry", proxyUrl());
            assertEquals(2, refused.code(), refused::toString);
            assertTrue(refused.err().contains("0 valid cosignatures from the configured witnesses, 1 required"), refused::toString);
        } finally {
            forged = null;
        }
        // the real log grows on its own branch
        publisher.ok("publish", Projects.component(tmp.resolve("src2"), "split:app", "1.0.1").toString());
        publisher.ok("publish", Projects.component(tmp.resolve("src3"), "split:app", "1.0.2").toString());

        bystander.ok("pull", "split:app@1.0.0", "--registry", proxyUrl());
        Cli.Result pull = victim.run("pull", "split:app@1.0.1", "--registry", proxyUrl());
        assertEquals(2, pull.code(), pull::toString);
        assertTrue(pull.err().contains("is not consistent with the one of ") && pull.err().contains("the log forked or was rewritten"), pull::toString);
    }
}
