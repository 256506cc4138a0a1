package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.Projects;
import ai.asterai.client.testing.SharedRegistry;
import ai.asterai.client.testing.TamperingProxy;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.testing.RegistryProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a real registry (packaged server, PostgreSQL, S3Proxy): a publisher
 * with the administrator token and a consumer with nothing but the registry URL, each with its
 * own ~/.asterai.
 */
class RegistryWorkflowTest {
    static RegistryProcess registry;

    @TempDir
    Path tmp;
    String ns;
    Cli publisher;
    Cli consumer;

    @BeforeAll
    static void startRegistry() {
        registry = SharedRegistry.get();
    }

    @BeforeEach
    void setUp() throws IOException {
        ns = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        publisher = new Cli(tmp.resolve("publisher-home"), tmp);
        publisher.ok("login", "--registry", registry.url(), "--token", registry.adminToken());
        publisher.ok("keygen");
        publisher.ok("namespace", "create", ns);
        publisher.ok("key", "add", ns, "--label", "first");
        Files.createDirectories(tmp.resolve("consumer"));
        consumer = new Cli(tmp.resolve("consumer-home"), tmp.resolve("consumer")).env("ASTERAI_REGISTRY", registry.url());
    }

    Path component(String name, String version) {
        return Projects.component(tmp.resolve("src-" + name + "-" + version), ns + ":" + name, version);
    }

    void publish(String name, String version, String... extra) {
        Path dir = component(name, version);
        List<String> args = new ArrayList<>(List.of("publish", dir.toString()));
        args.addAll(List.of(extra));
        publisher.ok(args.toArray(String[]::new));
    }

    Path blobDir(Cli cli) {
        return cli.home().resolve("cache/sha256");
    }

    long blobCount(Cli cli) throws IOException {
        if (!Files.isDirectory(blobDir(cli))) {
            return 0;
        }
        try (Stream<Path> s = Files.list(blobDir(cli))) {
            return s.count();
        }
    }

    @Test
    void keygenNamespacePublishSearchPull() throws Exception {
        Cli.Result pub = publisher.ok("publish", component("hello", "1.0.0").toString());
        String wasmDigest = Digest.of(Projects.EMPTY_MODULE).toString();
        assertTrue(pub.out().startsWith("Published " + ns + ":hello@1.0.0 (component"), pub::toString);
        assertTrue(pub.out().contains("digest " + wasmDigest), pub::toString);

        Cli.Result search = consumer.run("search", "hello");
        if (searchIsServed()) {
            assertEquals(0, search.code(), search::toString);
            assertTrue(search.out().contains(ns + ":hello"), search::toString);
            assertTrue(consumer.ok("search", "hello", "--json").out().contains("\"name\" : \"" + ns + ":hello\""));
        } else {
            assertEquals(3, search.code(), search::toString);
            assertTrue(search.err().contains("does not offer search (GET /v1/search answered 404)"), search::toString);
        }

        Cli.Result pull = consumer.ok("pull", ns + ":hello@^1");
        Path wasm = Path.of(pull.out().strip());
        assertArrayEquals(Projects.EMPTY_MODULE, Files.readAllBytes(wasm));
        assertTrue(wasm.startsWith(consumer.home().resolve("cache/sha256")));
        assertTrue(pull.err().startsWith("Pulled " + ns + ":hello@1.0.0 (" + wasmDigest), pull::toString);

        Cli.Result trust = consumer.ok("trust", "ls", ns);
        assertTrue(trust.out().contains("first use"), trust::toString);

        Cli.Result info = consumer.ok("info", ns + ":hello");
        assertTrue(info.out().contains("signed by key "), info::toString);
        assertTrue(info.out().contains("files:      /data (rw)"), info::toString);
        assertTrue(info.out().contains("hosts:      https://api.example.com:443"), info::toString);
        assertTrue(info.out().contains(ns + ":hello/api@1.0.0"), "exports: " + info);
        assertTrue(info.out().contains("wasm      " + wasmDigest), info::toString);
        assertTrue(consumer.ok("info", ns + ":hello@1.0.0", "--json").out().contains("\"exports\" : [ \"" + ns + ":hello/api@1.0.0\" ]"));

        Cli.Result json = consumer.ok("pull", ns + ":hello", "--json");
        assertTrue(json.out().contains("\"wasmDigest\" : \"" + wasmDigest + "\""), json::toString);
        assertTrue(consumer.ok("cache", "ls").out().contains(ns + ":hello  1.0.0"));
        assertTrue(consumer.ok("cache", "verify").out().contains("Everything verifies."));
    }

    static boolean searchIsServed() throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url() + "/v1/search?q=x")).build(),
                HttpResponse.BodyHandlers.discarding());
        return r.statusCode() != 404;
    }

    @Test
    void republishingAVersionIsAClear409() {
        publish("hello", "1.0.0");
        Cli.Result r = publisher.fails(1, "publish", tmp.resolve("src-hello-1.0.0").toString());
        assertEquals("error: " + ns + ":hello@1.0.0 is already published on " + registry.url()
                + " (HTTP 409): versions are immutable; raise 'version' in asterai.toml and publish again", r.err().strip());
    }

    @Test
    void interfacePackagesPublishAndPull() throws Exception {
        Path dir = Projects.iface(tmp.resolve("types"), ns + ":types", "0.2.0");
        Cli.Result pub = publisher.ok("publish", dir.toString());
        assertTrue(pub.out().startsWith("Published " + ns + ":types@0.2.0 (interface"), pub::toString);
        Cli.Result pull = consumer.ok("pull", ns + ":types@~0.2");
        assertTrue(Files.readString(Path.of(pull.out().strip())).contains("interface types"));
        assertTrue(consumer.ok("info", ns + ":types").out().contains(ns + ":types/types@0.2.0"));
    }

    @Test
    void tamperedBlobIsRefusedAndNothingIsCached() throws Exception {
        publish("hello", "1.0.0");
        try (TamperingProxy proxy = new TamperingProxy(registry.url()).rewriting(TamperingProxy.flipByteIn("/wasm"))) {
            Cli.Result r = consumer.fails(2, "pull", ns + ":hello@1.0.0", "--registry", proxy.url());
            assertTrue(r.err().contains("the downloaded wasm has digest"), r::toString);
            assertTrue(r.err().contains("altered in transit or in storage"), r::toString);
        }
        assertEquals(0, blobCount(consumer), "nothing from a failed pull is kept");
        assertTrue(consumer.ok("cache", "ls").out().contains("The cache is empty"));
    }

    @Test
    void bytesAndDigestsSwappedTogetherFailTheSignature() throws Exception {
        publish("hello", "1.0.0");
        byte[] evil = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, 0x04, 'e', 'v', 'i', 'l'};
        String good = Digest.of(Projects.EMPTY_MODULE).hex();
        String bad = Digest.of(evil).hex();
        try (TamperingProxy proxy = new TamperingProxy(registry.url()).rewriting((path, body) -> {
            if (path.endsWith("/wasm")) {
                return evil;
            }
            if (path.endsWith("/versions/1.0.0")) {
                return new String(body, StandardCharsets.UTF_8).replace(good, bad).replace("\"size\":8", "\"size\":14")
                        .getBytes(StandardCharsets.UTF_8);
            }
            return body;
        })) {
            Cli.Result r = consumer.fails(2, "pull", ns + ":hello@1.0.0", "--registry", proxy.url());
            assertTrue(r.err().contains("the signature does not verify"), r::toString);
        }
        assertEquals(0, blobCount(consumer));
    }

    @Test
    void aKeyListThatLiesAboutIdsOrRevocationIsRefused() throws Exception {
        publish("hello", "1.0.0");
        publisher.ok("keygen", "--name", "other");
        String other = Files.readString(publisher.home().resolve("keys/other.pub")).strip();
        String mine = Files.readString(publisher.home().resolve("keys/default.pub")).strip();
        // the listed public key of the signer is swapped for another one
        try (TamperingProxy proxy = new TamperingProxy(registry.url()).rewriting((path, body) -> path.endsWith("/keys")
                ? new String(body, StandardCharsets.UTF_8).replace(mine, other).getBytes(StandardCharsets.UTF_8) : body)) {
            Cli.Result r = consumer.fails(2, "pull", ns + ":hello@1.0.0", "--registry", proxy.url());
            assertTrue(r.err().contains("with a public key whose id is"), r::toString);
        }
        // the signer is shown as revoked long before the release
        try (TamperingProxy proxy = new TamperingProxy(registry.url()).rewriting((path, body) -> path.endsWith("/keys")
                ? new String(body, StandardCharsets.UTF_8).replace("\"revokedAt\":null", "\"revokedAt\":\"2001-01-01T00:00:00Z\"")
                .getBytes(StandardCharsets.UTF_8) : body)) {
            Cli.Result r = consumer.fails(2, "pull", ns + ":hello@1.0.0", "--registry", proxy.url());
            assertTrue(r.err().contains("which was revoked at 2001-01-01T00:00:00Z, before the release was published"), r::toString);
        }
        assertEquals(0, blobCount(consumer));
        consumer.ok("pull", ns + ":hello@1.0.0");
    }

    @Test
    void rotatedKeyIsAcceptedAndUnsignedRotationIsRefused() throws Exception {
        publish("hello", "1.0.0");
        consumer.ok("pull", ns + ":hello@^1");
        String first = Files.readString(publisher.home().resolve("keys/default.pub")).strip();
        String firstId = ai.asterai.protocol.crypto.PublicKey.parse(first).keyId();

        // rotation: the first key vouches for the second, then is revoked
        publisher.ok("keygen", "--name", "second");
        Cli.Result added = publisher.ok("key", "add", ns, "--key", "second", "--label", "second");
        assertTrue(added.out().contains("(signed by " + firstId + ")"), added::toString);
        publisher.ok("key", "revoke", ns, firstId);
        publish("hello", "1.1.0", "--key", "second");
        Cli.Result pull = consumer.ok("pull", ns + ":hello@^1");
        assertTrue(pull.err().startsWith("Pulled " + ns + ":hello@1.1.0"), pull::toString);
        assertTrue(consumer.ok("trust", "ls", ns).out().contains("rotation signed by " + firstId));
        // releases signed before the revocation stay valid
        consumer.ok("pull", ns + ":hello@1.0.0");

        // recovery without a signature: every key revoked, the administrator adds a new one unsigned
        String secondId = ai.asterai.protocol.crypto.PublicKey.parse(
                Files.readString(publisher.home().resolve("keys/second.pub")).strip()).keyId();
        publisher.ok("key", "revoke", ns, secondId);
        publisher.ok("keygen", "--name", "third");
        assertTrue(publisher.ok("key", "add", ns, "--key", "third").out().contains("unsigned"));
        publish("hello", "1.2.0", "--key", "third");
        Cli.Result refused = consumer.fails(2, "pull", ns + ":hello@^1");
        assertTrue(refused.err().contains("not reachable from the keys you trust for '" + ns + "'"), refused::toString);
        assertTrue(refused.err().contains("asterai trust reset " + ns), refused::toString);

        consumer.ok("trust", "reset", ns);
        assertTrue(consumer.ok("pull", ns + ":hello@^1").err().startsWith("Pulled " + ns + ":hello@1.2.0"));
    }

    @Test
    void aTrustedKeyGivenUpFrontRefusesOtherKeys() throws Exception {
        publish("hello", "1.0.0");
        publisher.ok("keygen", "--name", "other");
        String other = Files.readString(publisher.home().resolve("keys/other.pub")).strip();
        Cli.Result r = consumer.fails(2, "pull", ns + ":hello", "--trusted-key", other);
        assertTrue(r.err().contains("not reachable from the keys you trust"), r::toString);
        String mine = Files.readString(publisher.home().resolve("keys/default.pub")).strip();
        consumer.ok("trust", "reset", ns);
        consumer.ok("pull", ns + ":hello", "--trusted-key", mine);
    }

    @Test
    void offlinePullComesFromTheCache() throws Exception {
        publish("hello", "1.0.0");
        String online = consumer.ok("pull", ns + ":hello@^1").out();
        assertTrue(consumer.ok("cache", "gc").out().startsWith("Removed 0 B of unreferenced cache files"), "pulled blobs are kept");
        Cli.Result offline = consumer.env("ASTERAI_REGISTRY", "http://127.0.0.1:9").ok("pull", ns + ":hello@^1", "--offline");
        assertEquals(online, offline.out());
        assertTrue(offline.err().startsWith("Using cached " + ns + ":hello@1.0.0"), offline::toString);
        Cli.Result missing = consumer.fails(3, "pull", ns + ":hello@^2", "--offline");
        assertTrue(missing.err().contains("no cached release of " + ns + ":hello matches '^2' (cached: 1.0.0)"), missing::toString);
        consumer.fails(3, "pull", ns + ":hello@^1");
    }

    @Test
    void aCorruptedCacheEntryIsHealed() throws Exception {
        publish("hello", "1.0.0");
        Path wasm = Path.of(consumer.ok("pull", ns + ":hello@1.0.0").out().strip());
        Files.write(wasm, new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x01});
        Cli.Result offline = consumer.fails(3, "pull", ns + ":hello@1.0.0", "--offline");
        assertTrue(offline.err().contains("missing from the cache (or was damaged and discarded)"), offline::toString);
        Path again = Path.of(consumer.ok("pull", ns + ":hello@1.0.0").out().strip());
        assertEquals(wasm, again);
        assertArrayEquals(Projects.EMPTY_MODULE, Files.readAllBytes(again));

        Files.write(wasm, "garbage".getBytes());
        Cli.Result verify = consumer.run("cache", "verify");
        assertEquals(2, verify.code(), verify::toString);
        assertTrue(verify.out().contains("damaged, removed: " + Digest.of(Projects.EMPTY_MODULE)), verify::toString);
        assertFalse(Files.exists(wasm));
    }

    @Test
    void yankedVersionsAreSkippedUnlessPinnedExactly() {
        publish("hello", "1.0.0");
        publish("hello", "1.1.0");
        Cli.Result y = publisher.ok("yank", ns + ":hello@1.1.0");
        assertTrue(y.out().startsWith("Yanked " + ns + ":hello@1.1.0"), y::toString);
        assertTrue(consumer.ok("pull", ns + ":hello@^1").err().startsWith("Pulled " + ns + ":hello@1.0.0"));
        Cli.Result exact = consumer.ok("pull", ns + ":hello@1.1.0");
        assertTrue(exact.err().contains("warning: this version is yanked"), exact::toString);
        assertTrue(consumer.ok("info", ns + ":hello").out().contains("versions: 1.1.0 (yanked), 1.0.0"));
        publisher.ok("unyank", ns + ":hello@1.1.0");
        assertTrue(consumer.ok("pull", ns + ":hello@^1").err().startsWith("Pulled " + ns + ":hello@1.1.0"));
        Cli.Result none = consumer.fails(1, "pull", ns + ":hello@^3");
        assertTrue(none.err().contains("no version of " + ns + ":hello matches '^3' (published: 1.1.0, 1.0.0)"), none::toString);
        consumer.fails(1, "pull", ns + ":nothing");
    }

    @Test
    void theLockFilePinsVersionsAndRefusesOtherDigests() throws Exception {
        publish("hello", "1.0.0");
        Path project = Projects.component(tmp.resolve("app"), ns + ":app", "0.1.0");
        consumer.in(project);
        consumer.ok("pull", ns + ":hello@^1");
        Path lock = project.resolve("asterai.lock");
        String locked = Files.readString(lock);
        assertTrue(locked.contains("name = '" + ns + ":hello'") || locked.contains("name = \"" + ns + ":hello\""), locked);
        assertTrue(locked.contains(Digest.of(Projects.EMPTY_MODULE).toString()), locked);

        publish("hello", "1.1.0");
        assertTrue(consumer.ok("pull", ns + ":hello@^1").err().startsWith("Pulled " + ns + ":hello@1.0.0"), "the locked version wins");
        assertTrue(consumer.ok("pull", ns + ":hello@^1", "--no-lock").err().startsWith("Pulled " + ns + ":hello@1.1.0"));

        String other = "sha256:" + HexFormat.of().formatHex(new byte[32]);
        Files.writeString(lock, locked.replace(Digest.of(Projects.EMPTY_MODULE).toString(), other));
        Cli.Result r = consumer.fails(2, "pull", ns + ":hello@1.0.0");
        assertTrue(r.err().contains("asterai.lock records " + other + " for its wasm but the registry now serves"), r::toString);
    }

    @Test
    void keysTokensAndErrorsFromTheRegistry() {
        Cli.Result list = publisher.ok("key", "list", ns);
        assertTrue(list.out().contains("active  (unsigned)  first"), list::toString);
        assertTrue(publisher.ok("whoami").out().contains("the administrator"));
        Cli.Result dup = publisher.fails(1, "namespace", "create", ns);
        assertTrue(dup.err().contains("already exists (HTTP 409)"), dup::toString);
        Cli.Result noAdmin = consumer.fails(1, "namespace", "create", ns + "x");
        assertTrue(noAdmin.err().contains("not logged in to " + registry.url()), noAdmin::toString);
        Cli.Result badToken = consumer.fails(1, "login", "--registry", registry.url(), "--token", "ast_wrong");
        assertTrue(badToken.err().contains("(HTTP 401; log in again"), badToken::toString);
        Cli.Result unknown = consumer.fails(1, "info", ns + ":nope");
        assertTrue(unknown.err().contains("does not exist (HTTP 404)"), unknown::toString);
        assertTrue(publisher.ok("namespace", "show", ns).out().contains("first"));
        publisher.ok("logout");
        publisher.fails(1, "whoami");
    }

    /** Starts one asterai process per argument list, all at once, with the consumer's home; each must succeed. */
    private void runTogether(List<List<String>> commands) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (List<String> args : commands) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "ai.asterai.client.cli.Main"));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("ASTERAI_HOME", consumer.home().toString());
            processes.add(pb.start());
        }
        for (Process p : processes) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), output);
        }
    }

    @Test
    void concurrentPullsFromSeveralProcessesShareTheCacheSafely() throws Exception {
        publish("hello", "1.0.0");
        consumer.ok("pull", ns + ":hello@1.0.0"); // pins the keys once, so the processes race on the cache only
        consumer.ok("cache", "gc", "--all");
        consumer.ok("trust", "ls");
        List<List<String>> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pulls.add(List.of("pull", ns + ":hello@^1", "--registry", registry.url()));
        }
        runTogether(pulls);
        Cli.Result verify = consumer.ok("cache", "verify");
        assertTrue(verify.out().contains("Checked 3 blobs and 1 releases."), verify::toString);
        assertNotEquals(0, blobCount(consumer));
    }

    @Test
    void concurrentPullsIntoOneProjectAllLandInItsLockFile() throws Exception {
        List<String> names = List.of("lk-one", "lk-two", "lk-three", "lk-four");
        for (String name : names) {
            publish(name, "1.0.0");
        }
        consumer.ok("pull", ns + ":lk-one@1.0.0", "--no-lock"); // pins the keys once
        Path project = Files.createDirectories(consumer.home().resolveSibling("lock-project"));
        Path lock = project.resolve("asterai.lock");
        runTogether(names.stream().map(name -> List.of("pull", ns + ":" + name + "@^1", "--registry", registry.url(),
                "--lock", lock.toString())).toList());
        String recorded = Files.readString(lock);
        for (String name : names) {
            String pkg = ns + ":" + name;
            assertTrue(recorded.contains("name = '" + pkg + "'") || recorded.contains("name = \"" + pkg + "\""), pkg + " missing from\n" + recorded);
        }
    }
}
