package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciIndex;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import land.oras.ArtifactType;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.ManifestDescriptor;
import land.oras.Registry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OCI clients pull releases from this registry's /v2 and see the same digests: the ORAS Java SDK
 * (manifest, blobs, tags, referrers, pull to files) and Debian's skopeo (copy into an OCI layout).
 * skopeo comes from .ci/ensure-oci-tools.sh (CI runs it); without it that test is skipped, saying why.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class OciInteropTest {
    @TestHTTPResource("/")
    URL base;

    private String host() {
        return "127.0.0.1:" + base.getPort();
    }

    private record Published(String repo, byte[] wasm, Digest manifest) {
    }

    private Published publish(String name) {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release r = new Fixtures.Release(name, "0.1.0", p.key());
        r.wasm = Fixtures.moduleOfSize(300_000, 7);
        p.publish(r).then().statusCode(201);
        String repo = p.namespace() + "/" + name;
        String digest = given().head("/v2/" + repo + "/manifests/0.1.0").then().statusCode(200).extract().header("Docker-Content-Digest");
        return new Published(repo, r.wasm, Digest.parse(digest));
    }

    @Test
    void orasPullsARelease(@TempDir Path dir) throws IOException {
        Published rel = publish("orasapp");
        Registry oras = Registry.builder().insecure().build();
        ContainerRef tag = ContainerRef.parse(host() + "/" + rel.repo() + ":0.1.0");

        Manifest manifest = oras.getManifest(tag);
        assertEquals(rel.manifest().toString(), manifest.getDescriptor().getDigest());
        assertEquals(OciMediaTypes.WASM_CONFIG, manifest.getConfig().getMediaType());
        Layer layer = manifest.getLayers().get(0);
        assertEquals(Digest.of(rel.wasm()).toString(), layer.getDigest());
        // fetchBlob streams bytes (the SDK's getBlob reads the body as text, which only suits text blobs)
        Path fetched = dir.resolve("fetched.wasm");
        oras.fetchBlob(ContainerRef.parse(host() + "/" + rel.repo() + "@" + layer.getDigest()), fetched);
        assertArrayEquals(rel.wasm(), Files.readAllBytes(fetched));
        byte[] config = oras.getBlob(ContainerRef.parse(host() + "/" + rel.repo() + "@" + manifest.getConfig().getDigest()));
        assertEquals(manifest.getConfig().getDigest(), Digest.of(config).toString());
        assertEquals(List.of("0.1.0", "latest"), oras.getTags(tag).tags());

        ContainerRef byDigest = ContainerRef.parse(host() + "/" + rel.repo() + "@" + rel.manifest());
        List<ManifestDescriptor> sigs = oras.getReferrers(byDigest, ArtifactType.from(OciMediaTypes.SIGNATURE_ARTIFACT)).getManifests();
        assertEquals(1, sigs.size());
        Manifest sig = oras.getManifest(ContainerRef.parse(host() + "/" + rel.repo() + "@" + sigs.get(0).getDigest()));
        assertEquals(rel.manifest().toString(), sig.getSubject().getDigest());

        // pulled to files named by their titles, as the oras command line does
        oras.pullArtifact(tag, dir, true);
        assertArrayEquals(rel.wasm(), Files.readAllBytes(dir.resolve("orasapp.wasm")));
        Path sigDir = Files.createDirectories(dir.resolve("sig"));
        oras.pullArtifact(ContainerRef.parse(host() + "/" + rel.repo() + "@" + sigs.get(0).getDigest()), sigDir, true);
        for (String f : List.of("manifest.json", "package.wit", "signature.json")) {
            assertTrue(Files.size(sigDir.resolve(f)) > 0, f);
        }
    }

    @Test
    void skopeoCopiesAReleaseIntoAnOciLayoutWithTheSameDigests(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("skopeo"), "skopeo is not installed: run .ci/ensure-oci-tools.sh (CI does)");
        Published rel = publish("skopeoapp");
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        Path layout = dir.resolve("layout");
        List<String> cmd = List.of("skopeo", "--policy", policy.toString(), "copy", "--src-tls-verify=false", "--src-no-creds",
                "docker://" + host() + "/" + rel.repo() + ":0.1.0", "oci:" + layout + ":0.1.0");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done && p.exitValue() == 0, "skopeo copy failed: " + out);

        OciIndex index = OciIndex.parse(Files.readAllBytes(layout.resolve("index.json")));
        assertEquals(rel.manifest(), index.manifests().get(0).digest());
        Path blobs = layout.resolve("blobs/sha256");
        byte[] manifestBytes = Files.readAllBytes(blobs.resolve(rel.manifest().hex()));
        assertEquals(rel.manifest(), Digest.of(manifestBytes));
        OciManifest m = OciManifest.parse(manifestBytes);
        assertArrayEquals(rel.wasm(), Files.readAllBytes(blobs.resolve(m.layers().get(0).digest().hex())));
        // every blob in the layout is named by its digest
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(blobs)) {
            s.forEach(files::add);
        }
        for (Path f : files) {
            assertEquals(f.getFileName().toString(), Digest.of(Files.readAllBytes(f)).hex());
        }
        assertTrue(files.size() >= 3, files.toString());
    }

    static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
