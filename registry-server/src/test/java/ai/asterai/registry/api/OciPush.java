package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.oci.WasmConfig;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A release pushed over /v2 as an OCI client would (docs/oci.md "Push"), built from a {@link Fixtures.Release}. */
final class OciPush {
    final Fixtures.Publisher publisher;
    final Fixtures.Release release;
    final String repo;
    final String bearer;
    byte[] config;
    byte[] component;
    byte[] signature;

    OciPush(Fixtures.Publisher publisher, Fixtures.Release release) {
        this.publisher = publisher;
        this.release = release;
        this.repo = "/v2/" + publisher.namespace() + "/" + release.name;
        this.bearer = "Bearer " + token(publisher.token(), publisher.namespace() + "/" + release.name);
    }

    /** A bearer token from the token endpoint, the way docker clients ask: Basic with the API token as password. */
    static String token(String apiToken, String repository) {
        return given().header("Authorization", basic(apiToken)).queryParam("service", "test")
                .queryParam("scope", "repository:" + repository + ":push,pull").get("/v2/token")
                .then().statusCode(200).extract().path("token");
    }

    static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("anyone:" + password).getBytes(StandardCharsets.UTF_8));
    }

    Response uploadMonolithic(byte[] blob) {
        return given().header("Authorization", bearer).contentType("application/octet-stream").body(blob)
                .queryParam("digest", Digest.of(blob).toString()).post(repo + "/blobs/uploads/");
    }

    OciDescriptor upload(String mediaType, byte[] blob) {
        uploadMonolithic(blob).then().statusCode(201).header("Docker-Content-Digest", Digest.of(blob).toString());
        return OciDescriptor.of(mediaType, blob);
    }

    /** Uploads the blobs and pushes the component manifest under its version tag. */
    Response pushComponent() {
        String ns = publisher.namespace();
        OciDescriptor wasm = upload(OciMediaTypes.WASM_LAYER, release.wasm);
        config = new WasmConfig("2026-01-01T00:00:00Z", null, WasmConfig.ARCHITECTURE, WasmConfig.COMPONENT_OS,
                List.of(wasm.digest()), new WasmConfig.Component(List.of(), List.of(), null)).toJson();
        OciDescriptor cfg = upload(OciMediaTypes.WASM_CONFIG, config);
        component = new OciManifest(null, cfg, List.of(wasm), null,
                Map.of(OciMediaTypes.VERSION_ANNOTATION, release.version, OciMediaTypes.PACKAGE_ANNOTATION, ns + ":" + release.name)).toJson();
        return putManifest(release.version.replace('+', '_'), component);
    }

    /** Uploads the signature's layers and pushes the signature referrer by digest. */
    Response pushSignature() {
        String ns = publisher.namespace();
        OciDescriptor empty = upload(OciMediaTypes.EMPTY_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
        List<OciDescriptor> layers = List.of(upload(OciMediaTypes.RELEASE_MANIFEST_LAYER, release.manifestBytes(ns)),
                upload(OciMediaTypes.WIT_LAYER, release.witBytes(ns)), upload(OciMediaTypes.SIGNATURE_LAYER, release.signatureBytes(ns)));
        signature = new OciManifest(OciMediaTypes.SIGNATURE_ARTIFACT, empty, layers,
                OciDescriptor.of(OciMediaTypes.IMAGE_MANIFEST, component), Map.of()).toJson();
        return putManifest(Digest.of(signature).toString(), signature);
    }

    Response putManifest(String reference, byte[] manifest) {
        return given().header("Authorization", bearer).contentType(OciMediaTypes.IMAGE_MANIFEST).body(manifest)
                .put(repo + "/manifests/" + reference);
    }
}
