package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SignatureVerifier;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciIndex;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.oci.WasmConfig;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OCI read routes (docs/oci.md) over releases published through /v1, as a client would see them. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class OciPullTest {

    private static byte[] get(String path) {
        return given().get(path).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void baseAnswersWithTheApiVersion() {
        given().get("/v2/").then().statusCode(200).header("Docker-Distribution-API-Version", "registry/2.0");
        given().get("/v2").then().statusCode(200).header("Docker-Distribution-API-Version", "registry/2.0");
    }

    @Test
    void aReleaseIsAWasmImageWithItsSignatureAsAReferrer() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("hello", "0.1.0", p.key());
        rel.wasm = Fixtures.moduleOfSize(40_000, 3);
        p.publish(rel).then().statusCode(201);
        String repo = "/v2/" + p.namespace() + "/hello";

        Response m = given().accept(OciMediaTypes.IMAGE_MANIFEST).get(repo + "/manifests/0.1.0");
        m.then().statusCode(200).contentType(OciMediaTypes.IMAGE_MANIFEST);
        byte[] manifestBytes = m.asByteArray();
        Digest manifestDigest = Digest.of(manifestBytes);
        assertEquals(manifestDigest.toString(), m.header("Docker-Content-Digest"));
        OciManifest manifest = OciManifest.parse(manifestBytes);
        assertEquals(OciMediaTypes.WASM_CONFIG, manifest.config().mediaType());
        assertEquals(1, manifest.layers().size());
        assertEquals(OciMediaTypes.WASM_LAYER, manifest.layers().get(0).mediaType());
        assertEquals(Digest.of(rel.wasm), manifest.layers().get(0).digest());
        assertEquals("0.1.0", manifest.annotations().get(OciMediaTypes.VERSION_ANNOTATION));
        assertEquals(p.namespace() + ":hello", manifest.annotations().get(OciMediaTypes.PACKAGE_ANNOTATION));
        // the same bytes by digest, by latest, and by HEAD (headers only)
        assertArrayEquals(manifestBytes, get(repo + "/manifests/" + manifestDigest));
        assertArrayEquals(manifestBytes, get(repo + "/manifests/latest"));
        given().head(repo + "/manifests/0.1.0").then().statusCode(200).header("Docker-Content-Digest", manifestDigest.toString())
                .header("Content-Length", String.valueOf(manifestBytes.length)).contentType(OciMediaTypes.IMAGE_MANIFEST);
        // manifests are served as blobs too (as the reference registry does)
        assertArrayEquals(manifestBytes, get(repo + "/blobs/" + manifestDigest));

        // the config: the Wasm layout's fields, the world's exports
        byte[] configBytes = get(repo + "/blobs/" + manifest.config().digest());
        assertEquals(manifest.config().digest(), Digest.of(configBytes));
        WasmConfig config = WasmConfig.parse(configBytes);
        assertEquals("wasm", config.architecture());
        assertEquals("wasip2", config.os());
        assertEquals(List.of(Digest.of(rel.wasm)), config.layerDigests());
        assertTrue(config.created().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), config.created());

        // the layer: the same bytes as /v1, with ranges
        String layer = repo + "/blobs/" + Digest.of(rel.wasm);
        assertArrayEquals(rel.wasm, get(layer));
        given().head(layer).then().statusCode(200).header("Content-Length", String.valueOf(rel.wasm.length))
                .header("Docker-Content-Digest", Digest.of(rel.wasm).toString());
        byte[] part = given().header("Range", "bytes=10-19").get(layer).then().statusCode(206)
                .header("Content-Range", "bytes 10-19/" + rel.wasm.length).extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(rel.wasm, 10, 20), part);

        // referrers: the WIT and the signature, filterable by artifact type
        Response idx = given().get(repo + "/referrers/" + manifestDigest);
        idx.then().statusCode(200).contentType(OciMediaTypes.IMAGE_INDEX);
        OciIndex index = OciIndex.parse(idx.asByteArray());
        assertEquals(2, index.manifests().size());
        Response filtered = given().queryParam("artifactType", OciMediaTypes.SIGNATURE_ARTIFACT).get(repo + "/referrers/" + manifestDigest);
        filtered.then().statusCode(200).header("OCI-Filters-Applied", "artifactType");
        List<OciDescriptor> sigs = OciIndex.parse(filtered.asByteArray()).manifests();
        assertEquals(1, sigs.size());
        assertEquals(OciMediaTypes.SIGNATURE_ARTIFACT, sigs.get(0).artifactType());

        // the signature referrer alone verifies the release
        OciManifest sig = OciManifest.parse(get(repo + "/manifests/" + sigs.get(0).digest()));
        assertEquals(manifestDigest, sig.subject().digest());
        assertEquals(List.of(OciMediaTypes.RELEASE_MANIFEST_LAYER, OciMediaTypes.WIT_LAYER, OciMediaTypes.SIGNATURE_LAYER),
                sig.layers().stream().map(OciDescriptor::mediaType).toList());
        byte[] signedManifest = get(repo + "/blobs/" + sig.layers().get(0).digest());
        byte[] wit = get(repo + "/blobs/" + sig.layers().get(1).digest());
        SignatureBundle bundle = SignatureBundle.parse(get(repo + "/blobs/" + sig.layers().get(2).digest()));
        assertArrayEquals(rel.manifestBytes(p.namespace()), signedManifest);
        assertArrayEquals(rel.witBytes(p.namespace()), wit);
        ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(p.namespace(), "hello"), Version.parse("0.1.0"),
                PackageKind.COMPONENT, Digest.of(signedManifest), manifest.layers().get(0).digest(), Digest.of(wit));
        assertTrue(SignatureVerifier.verify(p.key().publicKey(), env.canonicalBytes(), bundle.signatureBytes()));
        // the empty config both referrers use
        assertArrayEquals("{}".getBytes(), get(repo + "/blobs/" + OciMediaTypes.EMPTY_DIGEST));

        // a referrer of something that has none: an empty index, not a 404
        OciIndex none = OciIndex.parse(get(repo + "/referrers/" + sigs.get(0).digest()));
        assertEquals(List.of(), none.manifests());
    }

    @Test
    void tagsLatestAndYanking() {
        Fixtures.Publisher p = Fixtures.publisher();
        for (String v : List.of("1.0.0", "1.1.0", "2.0.0-rc.1", "1.2.0+build.5")) {
            p.publish(new Fixtures.Release("multi", v, p.key())).then().statusCode(201);
        }
        String repo = "/v2/" + p.namespace() + "/multi";
        given().get(repo + "/tags/list").then().statusCode(200).contentType("application/json")
                .body("name", equalTo(p.namespace() + "/multi"))
                .body("tags", equalTo(List.of("1.0.0", "1.1.0", "1.2.0_build.5", "2.0.0-rc.1", "latest")));
        Response page = given().queryParam("n", 2).get(repo + "/tags/list");
        page.then().statusCode(200).body("tags", equalTo(List.of("1.0.0", "1.1.0")));
        assertEquals("</v2/" + p.namespace() + "/multi/tags/list?n=2&last=1.1.0>; rel=\"next\"", page.header("Link"));
        given().queryParam("n", 2).queryParam("last", "1.1.0").get(repo + "/tags/list").then()
                .body("tags", equalTo(List.of("1.2.0_build.5", "2.0.0-rc.1")));
        given().queryParam("n", 10).queryParam("last", "2.0.0-rc.1").get(repo + "/tags/list").then()
                .body("tags", equalTo(List.of("latest"))).header("Link", (String) null);
        given().queryParam("n", 0).get(repo + "/tags/list").then().statusCode(200).body("tags", equalTo(List.of()));

        // latest = newest non-yanked release (pre-releases only when nothing else)
        String latest = given().get(repo + "/manifests/latest").then().statusCode(200).extract().header("Docker-Content-Digest");
        assertEquals(given().get(repo + "/manifests/1.2.0_build.5").then().statusCode(200).extract().header("Docker-Content-Digest"), latest);
        given().header("Authorization", p.bearer()).post("/v1/packages/" + p.namespace() + "/multi/versions/1.2.0/yank").then().statusCode(200);
        String after = given().get(repo + "/manifests/latest").then().statusCode(200).extract().header("Docker-Content-Digest");
        assertEquals(given().get(repo + "/manifests/1.1.0").then().extract().header("Docker-Content-Digest"), after);
        // a yanked version is still pullable by its tag and digest
        given().get(repo + "/manifests/1.2.0_build.5").then().statusCode(200).header("Docker-Content-Digest", latest);
        given().get(repo + "/manifests/" + latest).then().statusCode(200);
        // the build tag names that build only
        given().get(repo + "/manifests/1.2.0").then().statusCode(404).body("errors[0].code", equalTo("MANIFEST_UNKNOWN"));
    }

    @Test
    void catalogAndDiscovery() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("zeta", "1.0.0", p.key())).then().statusCode(201);
        p.publish(new Fixtures.Release("alpha", "1.0.0", p.key())).then().statusCode(201);
        List<String> repos = given().queryParam("n", 1000).get("/v2/_catalog").then().statusCode(200)
                .body("repositories", hasItem(p.namespace() + "/zeta")).extract().path("repositories");
        assertEquals(repos.stream().sorted().toList(), repos);
        given().queryParam("n", 1).queryParam("last", p.namespace() + "/alpha").get("/v2/_catalog").then()
                .body("repositories", equalTo(List.of(p.namespace() + "/zeta")));
        given().get("/.well-known/wasm-pkg/registry.json").then().statusCode(200)
                .body("preferredProtocol", equalTo("oci")).body("oci.namespacePrefix", equalTo(""));
    }

    @Test
    void anInterfacePackageIsAWitArtifact() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("api", "1.0.0", p.key()).iface();
        p.publish(rel).then().statusCode(201);
        String repo = "/v2/" + p.namespace() + "/api";
        byte[] bytes = get(repo + "/manifests/1.0.0");
        OciManifest m = OciManifest.parse(bytes);
        assertEquals(OciMediaTypes.WIT_ARTIFACT, m.artifactType());
        assertEquals(OciMediaTypes.EMPTY_CONFIG, m.config().mediaType());
        assertEquals(Digest.of(rel.witBytes(p.namespace())), m.layers().get(0).digest());
        assertNull(m.subject());
        assertArrayEquals(rel.witBytes(p.namespace()), get(repo + "/blobs/" + m.layers().get(0).digest()));
        OciIndex refs = OciIndex.parse(get(repo + "/referrers/" + Digest.of(bytes)));
        assertEquals(2, refs.manifests().size());
    }

    @Test
    void theSameReleaseAlwaysHasTheSameManifest() {
        Fixtures.Publisher p = Fixtures.publisher();
        p.publish(new Fixtures.Release("stable", "3.0.0", p.key())).then().statusCode(201);
        String path = "/v2/" + p.namespace() + "/stable/manifests/3.0.0";
        byte[] first = get(path);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(first, get(path));
        }
        // another package's manifest differs (names and digests differ), and is not reachable through this one
        given().get("/v2/" + p.namespace() + "/other/manifests/" + Digest.of(first)).then().statusCode(404)
                .body("errors[0].code", equalTo("NAME_UNKNOWN"));
        given().get("/v2/" + p.namespace() + "/stable/manifests/" + Digest.of(first)).then().statusCode(200)
                .header("Docker-Content-Digest", not(equalTo("")));
    }
}
