package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.WasmConfig;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real OCI clients against the push side of /v2: the oras Java SDK pushes a signed release (component
 * manifest, then its signature referrer) which becomes a /v1 release; Debian's skopeo copies a release
 * into an OCI layout and back into another namespace with identical digests.
 */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class OciPushInteropTest {
    private static String host() {
        return "127.0.0.1:" + RestAssured.port;
    }

    @Test
    void orasPushesASignedReleaseThatBecomesVisibleOnV1() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("orasapp", "3.1.4", p.key());
        rel.wasm = Fixtures.moduleOfSize(50_000, 11);
        String ns = p.namespace();
        byte[] configBytes = new WasmConfig("2026-01-01T00:00:00Z", null, WasmConfig.ARCHITECTURE, WasmConfig.COMPONENT_OS,
                List.of(Digest.of(rel.wasm)), new WasmConfig.Component(List.of(), List.of(), null)).toJson();
        Object[] out;
        try (URLClassLoader oras = orasLoader()) {
            Method push = oras.loadClass(OrasDriver.class.getName()).getMethod("pushRelease", String.class, String.class, String.class,
                    byte[].class, byte[].class, String.class, byte[].class, byte[].class, byte[].class);
            out = (Object[]) push.invoke(null, host() + "/" + ns + "/orasapp:3.1.4", "oras", p.token(), rel.wasm, configBytes, "3.1.4",
                    rel.manifestBytes(ns), rel.witBytes(ns), rel.signatureBytes(ns));
        }
        given().get("/v1/packages/" + ns + "/orasapp").then().statusCode(200).body("versions.version", hasItem("3.1.4"));
        assertArrayEquals(rel.wasm, given().get("/v1/packages/" + ns + "/orasapp/versions/3.1.4/wasm").then().statusCode(200)
                .extract().asByteArray());
        // oras reads back the manifest it pushed by tag; the layer is the same bytes over /v2
        assertEquals(out[0], out[1]);
        byte[] overV2 = given().header("Authorization", "Bearer " + OciPush.token(p.token(), ns + "/orasapp"))
                .get("/v2/" + ns + "/orasapp/blobs/" + Digest.of(rel.wasm)).then().statusCode(200).extract().asByteArray();
        assertEquals(Digest.of(rel.wasm), Digest.of(overV2));

        given().get("/v2/" + ns + "/orasapp/manifests/3.1.4").then().statusCode(200).header("Docker-Content-Digest", (String) out[0]);
    }

    /**
     * The test class path with jackson-annotations 2.22 in place of the application's (the SDK's Jackson 3
     * needs it), over the platform loader: the SDK and {@link OrasDriver} load there, apart from Quarkus.
     */
    private static URLClassLoader orasLoader() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(System.getProperty("oras.annotations.jar", "target/oras/jackson-annotations.jar")).toUri().toURL());
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("jackson-annotations")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void skopeoCopiesAReleaseIntoALayoutAndBackIntoAnotherNamespaceWithIdenticalDigests() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed (.ci/ensure-oci-tools.sh)");
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("copied", "1.2.3", p.key());
        rel.wasm = Fixtures.moduleOfSize(20_000, 5);
        p.publish(rel).then().statusCode(201);
        String source = given().get("/v2/" + p.namespace() + "/copied/manifests/1.2.3").then().statusCode(200)
                .extract().header("Docker-Content-Digest");
        Fixtures.Publisher target = Fixtures.publisher();

        Path dir = Files.createTempDirectory("oci-layout");
        Path digestFile = dir.resolve("pushed-digest");
        run("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false",
                "docker://" + host() + "/" + p.namespace() + "/copied:1.2.3", "oci:" + dir.resolve("layout") + ":copied");
        String index = Files.readString(dir.resolve("layout/index.json"));
        assertTrue(index.contains(source), index);
        run("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", "skopeo:" + target.token(),
                "--digestfile", digestFile.toString(),
                "oci:" + dir.resolve("layout") + ":copied", "docker://" + host() + "/" + target.namespace() + "/copied:1.2.3");
        assertEquals(source, Files.readString(digestFile).trim());
        // the copy carries no signature for the other namespace: it stays pending and invisible there
        given().get("/v1/packages/" + target.namespace() + "/copied").then().statusCode(404);
        // and back into its own repository: the very bytes the registry serves, accepted as they are
        run("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", "skopeo:" + p.token(),
                "--digestfile", digestFile.toString(),
                "oci:" + dir.resolve("layout") + ":copied", "docker://" + host() + "/" + p.namespace() + "/copied:1.2.3");
        assertEquals(source, Files.readString(digestFile).trim());
    }

    private static void run(String... command) throws Exception {
        Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, proc.exitValue(), String.join(" ", command) + "\n" + out);
    }
}
