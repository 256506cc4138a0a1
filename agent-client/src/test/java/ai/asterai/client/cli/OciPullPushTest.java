package ai.asterai.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * asterai publish --oci and asterai pull oci:// against the reference distribution server (Debian's
 * docker-registry 2.8, which has no referrers API: the fallback tag schema is used both ways), and
 * skopeo as an independent OCI client reading what was pushed.
 */
class OciPullPushTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static DockerRegistry registry;
    static Cli publisher;
    static String publicKey;

    @BeforeAll
    static void start() throws Exception {
        registry = DockerRegistry.start(Files.createDirectories(tmp.resolve("registry")), null, null);
        publisher = new Cli(Files.createDirectories(tmp.resolve("publisher-home")), tmp);
        JsonNode key = JSON.readTree(publisher.ok("keygen", "--json").out());
        publicKey = key.get("publicKey").asText();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static String ref(String repoAndTag) {
        return "oci://" + registry.authority() + "/" + repoAndTag;
    }

    private static Cli freshPuller(Path dir) throws Exception {
        return new Cli(Files.createDirectories(dir.resolve("home")), Files.createDirectories(dir.resolve("work")));
    }

    private static byte[] wasm(String marker) {
        // a core module with one custom section, so every test's wasm has its own digest
        byte[] name = marker.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + 2 + 1 + name.length];
        System.arraycopy(Projects.EMPTY_MODULE, 0, out, 0, 8);
        out[8] = 0;
        out[9] = (byte) (1 + name.length);
        out[10] = (byte) name.length;
        System.arraycopy(name, 0, out, 11, name.length);
        return out;
    }

    @Test
    void pushThenPullRoundTripVerifiesTheSignatureWithIdenticalDigests(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm("round-trip");
        Path project = Projects.component(dir.resolve("project"), "acme:hello", "1.0.0", wasm);
        // small chunks: the wasm goes up in PATCH chunks, the small blobs in one PUT
        JsonNode pushed = JSON.readTree(publisher.in(project).ok("publish", "--oci", ref("acme/hello:1.0.0"), "--chunk-size", "7", "--json").out());
        assertTrue(pushed.get("fallbackIndex").asBoolean(), "docker-registry 2.8 has no referrers API: " + pushed);

        Cli puller = freshPuller(dir.resolve("puller"));
        JsonNode pulled = JSON.readTree(puller.ok("pull", ref("acme/hello:1.0.0"), "--trusted-key", publicKey, "--json").out());
        assertTrue(pulled.get("signed").asBoolean());
        assertEquals("acme:hello", pulled.get("name").asText());
        assertEquals(Digest.of(wasm).toString(), pulled.get("wasmDigest").asText());
        assertEquals(pushed.get("digest").asText(), pulled.get("wasmDigest").asText());
        assertEquals(pushed.get("manifest").asText(), pulled.get("manifestDigest").asText());
        assertEquals(ref("acme/hello@" + pushed.get("ociManifest").asText()), pulled.get("resolved").asText());
        assertTrue(java.util.Arrays.equals(wasm, Files.readAllBytes(Path.of(pulled.get("path").asText()))));
        // the key is pinned now: a second pull needs no --trusted-key; pulling by digest works too
        puller.ok("pull", pulled.get("resolved").asText());

        // pushing the same release again changes nothing; another wasm under the same version is refused
        JsonNode again = JSON.readTree(publisher.in(project).ok("publish", "--oci", ref("acme/hello:1.0.0"), "--json").out());
        assertEquals(pushed.get("ociManifest").asText(), again.get("ociManifest").asText());
        Projects.component(project, "acme:hello", "1.0.0", wasm("changed"));
        Cli.Result refused = publisher.in(project).fails(1, "publish", "--oci", ref("acme/hello:1.0.0"));
        assertTrue(refused.err().contains("immutable"), refused.toString());
    }

    @Test
    void skopeoSeesTheSameDigests(@TempDir Path dir) throws Exception {
        Path skopeo = Path.of("/usr/bin/skopeo");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(skopeo), "skopeo is not installed (run .ci/ensure-oci-tools.sh)");
        byte[] wasm = wasm("skopeo");
        Path project = Projects.component(dir.resolve("project"), "acme:copied", "2.0.0", wasm);
        JsonNode pushed = JSON.readTree(publisher.in(project).ok("publish", "--oci", ref("acme/copied:2.0.0"), "--json").out());
        Path layout = dir.resolve("layout");
        Process p = new ProcessBuilder(skopeo.toString(), "--insecure-policy", "copy", "--src-tls-verify=false",
                "docker://" + registry.authority() + "/acme/copied:2.0.0", "oci:" + layout + ":2.0.0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("skopeo.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> readQuietly(dir.resolve("skopeo.log")));
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        assertEquals(pushed.get("ociManifest").asText(), index.get("manifests").get(0).get("digest").asText());
        assertTrue(Files.exists(layout.resolve("blobs/sha256").resolve(Digest.of(wasm).hex())));
        // the copied layout holds the same wasm bytes under the same digest
        assertEquals(Digest.of(wasm), Digest.of(Files.readAllBytes(layout.resolve("blobs/sha256").resolve(Digest.of(wasm).hex()))));
    }

    @Test
    void unsignedIsRefusedThenPinnedWithAllowUnsigned(@TempDir Path dir) throws Exception {
        OciReference target = OciReference.parse(ref("plain/tool:1"));
        pushUnsigned(target, wasm("unsigned-1"));
        Cli puller = freshPuller(dir.resolve("puller"));
        Cli.Result refused = puller.fails(2, "pull", target.toString());
        assertTrue(refused.err().contains("--allow-unsigned"), refused.toString());

        Path work = dir.resolve("puller/work");
        Files.writeString(work.resolve("asterai.lock"), "");
        Cli.Result ok = puller.ok("pull", target.toString(), "--allow-unsigned");
        String lock = Files.readString(work.resolve("asterai.lock"));
        assertTrue(lock.contains("oci = ") && lock.contains(target.toString()) && lock.contains(Digest.of(wasm("unsigned-1")).toString()), lock);
        assertTrue(ok.err().contains("UNSIGNED"), ok.toString());
        puller.ok("pull", target.toString(), "--allow-unsigned"); // same bytes: still fine

        pushUnsigned(target, wasm("unsigned-2")); // the tag moves to other bytes
        Cli.Result moved = puller.fails(2, "pull", target.toString(), "--allow-unsigned");
        assertTrue(moved.err().contains("pins"), moved.toString());
    }

    @Test
    void tamperedBlobIsRefusedAndNothingIsCached(@TempDir Path dir) throws Exception {
        byte[] wasm = wasm("tamper-me");
        Path project = Projects.component(dir.resolve("project"), "acme:tampered", "1.0.0", wasm);
        publisher.in(project).ok("publish", "--oci", ref("acme/tampered:1.0.0"));
        Path blob = registry.blobFile(Digest.of(wasm).toString());
        byte[] evil = wasm.clone();
        evil[evil.length - 1] ^= 1; // same size, other bytes
        Files.write(blob, evil);

        Cli puller = freshPuller(dir.resolve("puller"));
        Cli.Result r = puller.fails(2, "pull", ref("acme/tampered:1.0.0"), "--trusted-key", publicKey);
        assertTrue(r.err().contains("digest mismatch"), r.toString());
        Path cache = puller.home().resolve("cache/sha256");
        if (Files.isDirectory(cache)) {
            try (Stream<Path> s = Files.list(cache)) {
                List<Path> files = s.toList();
                assertTrue(files.stream().noneMatch(f -> f.getFileName().toString().equals(Digest.of(evil).hex())
                        || f.getFileName().toString().equals(Digest.of(wasm).hex())), files.toString());
            }
        }
        try (Stream<Path> s = Files.exists(puller.home().resolve("cache/tmp")) ? Files.list(puller.home().resolve("cache/tmp")) : Stream.empty()) {
            assertEquals(0, s.count(), "no temp file is left behind");
        }
        assertFalse(Files.exists(puller.home().resolve("trust/acme.toml")), "nothing is pinned by a failed pull");
    }

    @Test
    void signedPullWithoutAnyTrustedKeyIsRefused(@TempDir Path dir) throws Exception {
        Path project = Projects.component(dir.resolve("project"), "acme:untrusted", "1.0.0", wasm("untrusted"));
        publisher.in(project).ok("publish", "--oci", ref("acme/untrusted:1.0.0"));
        Cli puller = freshPuller(dir.resolve("puller"));
        Cli.Result r = puller.fails(2, "pull", ref("acme/untrusted:1.0.0"));
        assertTrue(r.err().contains("not pinned"), r.toString());
        // another key pinned for the namespace: the signature does not come from it
        JsonNode other = JSON.readTree(new Cli(Files.createDirectories(dir.resolve("other-home")), dir).ok("keygen", "--json").out());
        Cli.Result wrong = puller.fails(2, "pull", ref("acme/untrusted:1.0.0"), "--trusted-key", other.get("publicKey").asText());
        assertTrue(wrong.err().contains("not pinned"), wrong.toString());
    }

    @Test
    void badReferencesGiveOneLine(@TempDir Path dir) throws Exception {
        Cli puller = freshPuller(dir);
        for (String bad : List.of("oci://", "oci://" + registry.authority(), "oci://" + registry.authority() + "/Upper/case:1",
                "oci://" + registry.authority() + "/repo", "oci://" + registry.authority() + "/repo:bad tag",
                "oci://" + registry.authority() + "/repo@sha256:abc", "oci://h@st/repo:1", "oci://127.0.0.1:99999/repo:1",
                "oci://" + registry.authority() + "/../etc:1")) {
            puller.fails(1, "pull", bad);
        }
        Cli.Result missing = puller.fails(1, "pull", ref("nothing/here:1.0.0"), "--allow-unsigned");
        assertTrue(missing.err().contains("not found") || missing.err().contains("MANIFEST_UNKNOWN") || missing.err().contains("NAME_UNKNOWN"),
                missing.toString());
        puller.fails(3, "pull", "oci://127.0.0.1:1/repo:1");
    }

    @Test
    void runFromOciSignedAndUnsigned(@TempDir Path dir) throws Exception {
        Path examples = RunCommandTest.examples();
        // signed: the calculator example, published with --oci and run from there
        publisher.in(examples.resolve("calculator")).ok("publish", "--oci", ref("asterai/calculator:0.1.0"));
        Cli runner = freshPuller(dir.resolve("runner"));
        Cli.Result signed = runner.ok("run", ref("asterai/calculator:0.1.0"), "eval", "2*(3+4)", "--trusted-key", publicKey);
        assertEquals(JSON.readTree("{\"ok\":14.0}"), JSON.readTree(signed.out()), signed.toString());

        // unsigned: a component binary pushed by another tool runs only with --allow-unsigned, pinned in the project's lock
        OciReference plain = OciReference.parse(ref("c/calculator:1"));
        pushUnsigned(plain, Files.readAllBytes(examples.resolve("components/c-calculator/calculator.wasm")));
        Path project = Files.createDirectories(dir.resolve("runner/work"));
        Files.writeString(project.resolve("asterai.lock"), "");
        runner.fails(2, "run", plain.toString(), "eval", "2*(3+4)");
        Cli.Result unsigned = runner.ok("run", plain.toString(), "asterai:calculator/calc@0.1.0#eval", "2*(3+4)", "--allow-unsigned");
        assertEquals(JSON.readTree("{\"ok\":14.0}"), JSON.readTree(unsigned.out()), unsigned.toString());
        assertTrue(Files.readString(project.resolve("asterai.lock")).contains(plain.toString()));
    }

    /** A plain CNCF Wasm artifact as other tools push it: no asterai referrers. */
    static void pushUnsigned(OciReference target, byte[] wasm) {
        OciClient client = new OciClient(target, OciCredentials.NONE, false, "test");
        byte[] config = ("{\"created\":\"2026-01-01T00:00:00Z\",\"architecture\":\"wasm\",\"os\":\"wasip1\",\"layerDigests\":[\""
                + Digest.of(wasm) + "\"]}").getBytes(StandardCharsets.UTF_8);
        client.pushBlob(target.repository(), wasm, 1 << 20);
        client.pushBlob(target.repository(), config, 1 << 20);
        OciManifest m = new OciManifest(null, OciDescriptor.of(OciMediaTypes.WASM_CONFIG, config),
                List.of(OciDescriptor.of(OciMediaTypes.WASM_LAYER, wasm)), null, Map.of());
        client.putManifest(target.repository(), target.tag(), OciMediaTypes.IMAGE_MANIFEST, m.toJson());
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    static String dockerAuth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
