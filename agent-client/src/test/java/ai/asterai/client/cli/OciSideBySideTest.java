package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.oci.OciClient;
import ai.asterai.client.oci.OciCredentials;
import ai.asterai.client.oci.OciReference;
import ai.asterai.client.testing.Cli;
import ai.asterai.client.testing.DockerRegistry;
import ai.asterai.client.testing.Projects;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.registry.testing.RegistryProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same client scenarios against Debian's docker-registry (the reference distribution server) and
 * this registry's own /v2, side by side (docs/oci.md "Side by side"). Where the outcomes differ on
 * purpose (an unsigned push stays pending on asterai), each server's documented outcome is asserted.
 */
class OciSideBySideTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKER = "docker-registry";
    private static final String ASTERAI = "asterai";
    @TempDir
    static Path tmp;
    static DockerRegistry docker;
    static RegistryProcess asterai;
    static Cli dockerPublisher;
    static Cli asteraiPublisher;
    static String publicKey;

    @BeforeAll
    static void start() throws Exception {
        DockerRegistry.assumeInstalled();
        docker = DockerRegistry.start(Files.createDirectories(tmp.resolve("docker")), null, null);
        // a registry of its own: other classes publish asterai:calculator@0.1.0 into the shared one
        asterai = RegistryProcess.start();
        // one signing key for both publishers: the same release yields the same bytes on both servers
        dockerPublisher = new Cli(Files.createDirectories(tmp.resolve("docker-publisher")), tmp);
        publicKey = JSON.readTree(dockerPublisher.ok("keygen", "--json").out()).get("publicKey").asText();
        asteraiPublisher = new Cli(Files.createDirectories(tmp.resolve("asterai-publisher")), tmp);
        copyKeys(dockerPublisher.home(), asteraiPublisher.home());
        asteraiPublisher.ok("login", "--registry", asterai.url(), "--token", asterai.adminToken());
    }

    @AfterAll
    static void stop() {
        if (docker != null) {
            docker.close();
        }
        if (asterai != null) {
            asterai.close();
        }
    }

    private static void copyKeys(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String authority(String server) {
        return server.equals(DOCKER) ? docker.authority() : URI.create(asterai.url()).getRawAuthority();
    }

    private static String ref(String server, String repoAndTag) {
        return "oci://" + authority(server) + "/" + repoAndTag;
    }

    private static Cli publisher(String server) {
        return server.equals(DOCKER) ? dockerPublisher : asteraiPublisher;
    }

    /** A namespace the publisher may push to: any name on docker-registry; created with the key on asterai. */
    private static String namespace(String server) {
        String ns = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        prepare(server, ns);
        return ns;
    }

    private static void prepare(String server, String ns) {
        if (server.equals(ASTERAI)) {
            asteraiPublisher.run("namespace", "create", ns); // "asterai" exists after the first case
            asteraiPublisher.run("key", "add", ns, "--label", "side-by-side");
        }
    }

    private static Cli freshPuller(Path dir) throws Exception {
        return new Cli(Files.createDirectories(dir.resolve("home")), Files.createDirectories(dir.resolve("work")))
                .env("DOCKER_CONFIG", dir.resolve("no-docker").toString());
    }

    private static byte[] wasm(String marker) {
        byte[] name = marker.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + 2 + 1 + name.length];
        System.arraycopy(Projects.EMPTY_MODULE, 0, out, 0, 8);
        out[9] = (byte) (1 + name.length);
        out[10] = (byte) name.length;
        System.arraycopy(name, 0, out, 11, name.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {DOCKER, ASTERAI})
    void publishPullAndRepush(String server, @TempDir Path dir) throws Exception {
        String ns = namespace(server);
        byte[] wasm = wasm("side-by-side");
        Path project = Projects.component(dir.resolve("project"), ns + ":hello", "1.0.0", wasm);
        Cli publisher = publisher(server);
        JsonNode pushed = JSON.readTree(publisher.in(project).ok("publish", "--oci", ref(server, ns + "/hello:1.0.0"), "--json").out());
        // docker-registry 2.8 has no referrers API (fallback tag); asterai answers OCI-Subject
        assertEquals(server.equals(DOCKER), pushed.get("fallbackIndex").asBoolean(), pushed::toString);

        Cli puller = freshPuller(dir.resolve("puller"));
        JsonNode pulled = JSON.readTree(puller.ok("pull", ref(server, ns + "/hello:1.0.0"), "--trusted-key", publicKey, "--json").out());
        assertTrue(pulled.get("signed").asBoolean());
        assertEquals(Digest.of(wasm).toString(), pulled.get("wasmDigest").asText());
        assertEquals(pushed.get("manifest").asText(), pulled.get("manifestDigest").asText());
        assertEquals(ref(server, ns + "/hello@" + pushed.get("ociManifest").asText()), pulled.get("resolved").asText());

        JsonNode again = JSON.readTree(publisher.in(project).ok("publish", "--oci", ref(server, ns + "/hello:1.0.0"), "--json").out());
        assertEquals(pushed.get("ociManifest").asText(), again.get("ociManifest").asText());
        Projects.component(project, ns + ":hello", "1.0.0", wasm("changed"));
        Cli.Result refused = publisher.in(project).fails(1, "publish", "--oci", ref(server, ns + "/hello:1.0.0"));
        assertTrue(refused.err().contains("immutable"), refused.toString());
        // what the tag names did not move
        JsonNode still = JSON.readTree(freshPuller(dir.resolve("puller2")).ok("pull", ref(server, ns + "/hello:1.0.0"),
                "--trusted-key", publicKey, "--json").out());
        assertEquals(Digest.of(wasm).toString(), still.get("wasmDigest").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {DOCKER, ASTERAI})
    void missingTagIsOneLine(String server, @TempDir Path dir) throws Exception {
        String ns = namespace(server);
        Cli.Result missing = freshPuller(dir).fails(1, "pull", ref(server, ns + "/nothing:1.0.0"), "--allow-unsigned");
        assertTrue(missing.err().contains("was not found on " + authority(server)), missing.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {DOCKER, ASTERAI})
    void unsignedPush(String server, @TempDir Path dir) throws Exception {
        String ns = namespace(server);
        OciReference target = OciReference.parse(ref(server, ns + "/plain:1.0.0"));
        OciCredentials credentials = server.equals(DOCKER) ? OciCredentials.NONE
                : authority -> Optional.of(new OciCredentials.Basic("asterai", asterai.adminToken()));
        pushUnsigned(target, wasm("unsigned"), credentials);
        Cli puller = freshPuller(dir);
        if (server.equals(DOCKER)) {
            // any OCI registry serves what it was given: the client refuses it unless told otherwise
            Cli.Result refused = puller.fails(2, "pull", target.toString());
            assertTrue(refused.err().contains("--allow-unsigned"), refused.toString());
            Cli.Result ok = puller.ok("pull", target.toString(), "--allow-unsigned");
            assertTrue(ok.err().contains("UNSIGNED"), ok.toString());
        } else {
            // asterai keeps an unsigned push pending: it is not a release, and anonymous pulls do not see it
            Cli.Result refused = puller.fails(1, "pull", target.toString());
            assertTrue(refused.err().contains("was not found on " + authority(server)), refused.toString());
            Cli.Result allowed = puller.fails(1, "pull", target.toString(), "--allow-unsigned");
            assertTrue(allowed.err().contains("was not found on " + authority(server)), allowed.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DOCKER, ASTERAI})
    void runCalculator(String server, @TempDir Path dir) throws Exception {
        prepare(server, "asterai");
        Path examples = RunCommandTest.examples();
        if (server.equals(ASTERAI)) {
            // as on /v1, the registry resolves a release's foreign WIT packages among its interface releases
            Path deps = examples.resolve("calculator/wit/deps");
            publishInterface(dir.resolve("log"), "asterai:log", deps.resolve("log/logger.wit"), null);
            publishInterface(dir.resolve("agent"), "asterai:agent", deps.resolve("agent/agent.wit"), deps.resolve("log/logger.wit"));
        }
        publisher(server).in(examples.resolve("calculator")).ok("publish", "--oci", ref(server, "asterai/calculator:0.1.0"));
        Cli.Result r = freshPuller(dir).ok("run", ref(server, "asterai/calculator:0.1.0"), "eval", "2*(3+4)", "--trusted-key", publicKey);
        assertEquals(JSON.readTree("{\"ok\":14.0}"), JSON.readTree(r.out()), r.toString());
    }

    /** Publishes an interface over /v1 unless the registry holds it already. */
    private static void publishInterface(Path dir, String name, Path wit, Path dep) throws Exception {
        if (get("/v1/packages/" + name.replace(':', '/') + "/versions/0.1.0").statusCode() == 200) {
            return;
        }
        Files.createDirectories(dir.resolve("wit"));
        Files.writeString(dir.resolve("asterai.toml"), String.join("\n", "[package]", "name = \"" + name + "\"", "version = \"0.1.0\"",
                "kind = \"interface\"", "description = \"Example dependency\"", "wit = \"wit\"", ""));
        Files.copy(wit, dir.resolve("wit").resolve(wit.getFileName()));
        if (dep != null) {
            Files.createDirectories(dir.resolve("wit/deps/log"));
            Files.copy(dep, dir.resolve("wit/deps/log").resolve(dep.getFileName()));
        }
        asteraiPublisher.in(dir).ok("publish", "--registry", asterai.url());
    }

    /** A release pushed over /v2 is a release: /v1 lists it and the transparency log grows by one entry. */
    @Test
    void asteraiPushAppearsOnV1AndInTheLog(@TempDir Path dir) throws Exception {
        String ns = namespace(ASTERAI);
        long before = treeSize();
        Path project = Projects.component(dir.resolve("project"), ns + ":logged", "2.0.0", wasm("logged"));
        JsonNode pushed = JSON.readTree(asteraiPublisher.in(project).ok("publish", "--oci", ref(ASTERAI, ns + "/logged:2.0.0"), "--json").out());
        HttpResponse<String> v1 = get("/v1/packages/" + ns + "/logged/versions/2.0.0");
        assertEquals(200, v1.statusCode(), v1::body);
        JsonNode release = JSON.readTree(v1.body());
        assertEquals(pushed.get("digest").asText(), release.get("parts").get("wasm").get("digest").asText());
        assertTrue(release.hasNonNull("transparency"), v1.body());
        assertEquals(before + 1, treeSize());
    }

    private static long treeSize() throws Exception {
        HttpResponse<String> r = get("/tlog/checkpoint");
        assertEquals(200, r.statusCode(), r::body);
        return Long.parseLong(r.body().split("\n")[1]);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(asterai.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void pushUnsigned(OciReference target, byte[] wasm, OciCredentials credentials) {
        OciClient client = new OciClient(target, credentials, false, "test");
        byte[] config = ("{\"created\":\"2026-01-01T00:00:00Z\",\"architecture\":\"wasm\",\"os\":\"wasip1\",\"layerDigests\":[\""
                + Digest.of(wasm) + "\"]}").getBytes(StandardCharsets.UTF_8);
        client.pushBlob(target.repository(), wasm, 1 << 20);
        client.pushBlob(target.repository(), config, 1 << 20);
        OciManifest m = new OciManifest(null, OciDescriptor.of(OciMediaTypes.WASM_CONFIG, config),
                List.of(OciDescriptor.of(OciMediaTypes.WASM_LAYER, wasm)), null, Map.of());
        client.putManifest(target.repository(), target.tag(), OciMediaTypes.IMAGE_MANIFEST, m.toJson());
    }
}
