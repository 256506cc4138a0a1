package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciIndex;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.registry.oci.push.PushJanitor;
import ai.asterai.registry.testing.S3ProxyTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The push side of /v2 (docs/oci.md "Push"): tokens, uploads, manifests, and the way a push becomes a release. */
@QuarkusTest
@QuarkusTestResource(S3ProxyTestResource.class)
class OciPushTest {
    @Inject
    AgroalDataSource db;
    @Inject
    PushJanitor janitor;

    private void sql(String statement, String param) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, param);
            ps.executeUpdate();
        }
    }

    private static void ociError(Response r, int status, String code) {
        r.then().statusCode(status).contentType("application/json").body("errors[0].code", equalTo(code));
    }

    @Test
    void aSignedReleasePushedOverV2IsPendingUntilItsSignatureThenAReleaseEverywhere() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("hello", "1.0.0", p.key());
        rel.wasm = Fixtures.moduleOfSize(30_000, 7);
        OciPush push = new OciPush(p, rel);
        Response c = push.pushComponent();
        c.then().statusCode(201).header("Docker-Content-Digest", Digest.of(push.component).toString())
                .header("Location", containsString("/v2/" + p.namespace() + "/hello/manifests/sha256:"));
        String componentDigest = Digest.of(push.component).toString();

        // pending: invisible on /v1, in tags/list, by tag and by digest
        given().get("/v1/packages/" + p.namespace() + "/hello").then().statusCode(404);
        given().get(push.repo + "/tags/list").then().statusCode(404);
        given().get(push.repo + "/manifests/1.0.0").then().statusCode(404);
        given().get(push.repo + "/manifests/" + componentDigest).then().statusCode(404);
        given().get("/v1/search?q=hello").then().statusCode(200).body("hits.name", not(hasItem("hello")));

        Response s = push.pushSignature();
        s.then().statusCode(201).header("OCI-Subject", componentDigest);

        // now a release: /v1 lists it, /v2 serves exactly the pushed bytes by tag and digest
        given().get("/v1/packages/" + p.namespace() + "/hello").then().statusCode(200).body("versions.version", hasItem("1.0.0"));
        given().get(push.repo + "/tags/list").then().statusCode(200).body("tags", hasItem("1.0.0"));
        byte[] byTag = given().accept(OciMediaTypes.IMAGE_MANIFEST).get(push.repo + "/manifests/1.0.0").then().statusCode(200)
                .header("Docker-Content-Digest", componentDigest).extract().asByteArray();
        assertArrayEquals(push.component, byTag);
        assertArrayEquals(push.component, given().get(push.repo + "/manifests/" + componentDigest).then().statusCode(200).extract().asByteArray());
        assertArrayEquals(push.signature, given().get(push.repo + "/manifests/" + Digest.of(push.signature)).then().statusCode(200)
                .extract().asByteArray());
        assertArrayEquals(push.config, given().get(push.repo + "/blobs/" + Digest.of(push.config)).then().statusCode(200).extract().asByteArray());
        assertArrayEquals(rel.wasm, given().get("/v1/packages/" + p.namespace() + "/hello/versions/1.0.0/wasm").then().statusCode(200)
                .extract().asByteArray());
        OciIndex refs = OciIndex.parse(given().get(push.repo + "/referrers/" + componentDigest).then().statusCode(200).extract().asByteArray());
        assertEquals(List.of(Digest.of(push.signature)), refs.manifests().stream().map(OciDescriptor::digest).toList());
        assertEquals(OciMediaTypes.SIGNATURE_ARTIFACT, refs.manifests().get(0).artifactType());

        // tags are immutable: the same bytes again are fine, other bytes under the version are refused
        push.putManifest("1.0.0", push.component).then().statusCode(201);
        byte[] other = new OciManifest(null, OciDescriptor.of(OciMediaTypes.WASM_CONFIG, push.config),
                OciManifest.parse(push.component).layers(), null, Map.of()).toJson();
        ociError(push.putManifest("1.0.0", other), 409, "DENIED");
        // the signature again: already released
        push.putManifest(Digest.of(push.signature).toString(), push.signature).then().statusCode(201);
    }

    @Test
    void aVersionPublishedOnV1CannotBeRePushedOverV2ButItsOwnManifestIsIdempotent() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("calc", "2.0.0", p.key());
        rel.wasm = Fixtures.moduleOfSize(5_000, 1);
        p.publish(rel).then().statusCode(201);
        OciPush push = new OciPush(p, rel);
        ociError(push.pushComponent(), 409, "DENIED");
        byte[] served = given().get(push.repo + "/manifests/2.0.0").then().statusCode(200).extract().asByteArray();
        push.putManifest("2.0.0", served).then().statusCode(201).header("Docker-Content-Digest", Digest.of(served).toString());
    }

    @Test
    void aSignatureThatDoesNotVerifyLeavesTheComponentPending() {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("forged", "1.0.0", SigningKey.generate()); // a key the namespace does not hold
        rel.wasm = Fixtures.moduleOfSize(2_000, 2);
        OciPush push = new OciPush(p, rel);
        push.pushComponent().then().statusCode(201);
        Response s = push.pushSignature();
        ociError(s, 400, "MANIFEST_INVALID");
        s.then().body("errors[0].message", containsString("does not verify"));
        given().get("/v1/packages/" + p.namespace() + "/forged").then().statusCode(404);
        // a signature for another version than the tag
        Fixtures.Release v2 = new Fixtures.Release("forged", "1.0.1", p.key());
        v2.wasm = rel.wasm;
        OciPush wrong = new OciPush(p, v2);
        wrong.component = push.component;
        ociError(wrong.pushSignature(), 400, "MANIFEST_INVALID");
        given().get("/v1/packages/" + p.namespace() + "/forged").then().statusCode(404);
    }

    @Test
    void tokensAndScopes() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        String uploads = "/v2/" + p.namespace() + "/app/blobs/uploads/";
        // no credentials: 401 with the challenge that leads to the token endpoint
        Response none = given().post(uploads);
        ociError(none, 401, "UNAUTHORIZED");
        String challenge = none.header("WWW-Authenticate");
        assertTrue(challenge.startsWith("Bearer realm=\"http://localhost:"), challenge);
        assertTrue(challenge.contains("/v2/token\",service=\"localhost:"), challenge);
        assertTrue(challenge.contains("scope=\"repository:" + p.namespace() + "/app:push,pull\""), challenge);
        // the ping announces the challenge but stays open
        given().get("/v2/").then().statusCode(200).header("WWW-Authenticate", containsString("realm="));

        // bad credentials at the token endpoint
        given().header("Authorization", OciPush.basic("ast_nope")).queryParam("scope", "repository:" + p.namespace() + "/app:push")
                .get("/v2/token").then().statusCode(401).body("errors[0].code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Digest x").get("/v2/token").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/v2/token").then().statusCode(400);
        // anonymous: a token with pull only, refused for push with insufficient_scope
        String anon = given().queryParam("scope", "repository:" + p.namespace() + "/app:push,pull").get("/v2/token")
                .then().statusCode(200).body("expires_in", equalTo(300)).extract().path("token");
        Response r = given().header("Authorization", "Bearer " + anon).post(uploads);
        ociError(r, 401, "UNAUTHORIZED");
        assertTrue(r.header("WWW-Authenticate").contains("error=\"insufficient_scope\""));
        // a token of another namespace: granted pull only
        Fixtures.Publisher other = Fixtures.publisher();
        String foreign = OciPush.token(other.token(), p.namespace() + "/app");
        ociError(given().header("Authorization", "Bearer " + foreign).post(uploads), 401, "UNAUTHORIZED");
        // a token without the publish scope
        String yankOnly = Fixtures.token(List.of(p.namespace()), List.of("yank"), null);
        ociError(given().header("Authorization", "Bearer " + OciPush.token(yankOnly, p.namespace() + "/app")).post(uploads), 401, "UNAUTHORIZED");
        // the OAuth2 form (oras) and the API token as Basic or bearer directly
        String form = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "x").formParam("password", p.token()).formParam("scope", "repository:" + p.namespace() + "/app:push,pull")
                .post("/v2/token").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + form).post(uploads).then().statusCode(202);
        given().header("Authorization", OciPush.basic(p.token())).post(uploads).then().statusCode(202);
        given().header("Authorization", p.bearer()).post(uploads).then().statusCode(202);
        // a token is bound to its repository
        String good = OciPush.token(p.token(), p.namespace() + "/app");
        given().header("Authorization", "Bearer " + good).post(uploads).then().statusCode(202);
        ociError(given().header("Authorization", "Bearer " + good).post("/v2/" + p.namespace() + "/other/blobs/uploads/"), 401, "UNAUTHORIZED");
        // invalid and expired bearer tokens
        Response invalid = given().header("Authorization", "Bearer aso_forged").post(uploads);
        ociError(invalid, 401, "UNAUTHORIZED");
        assertTrue(invalid.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        sql("update oci_bearer_tokens set expires_at = expires_at - interval '1' hour where token_hash = ?",
                ai.asterai.registry.auth.TokenSecrets.hash(good));
        Response expired = given().header("Authorization", "Bearer " + good).post(uploads);
        ociError(expired, 401, "UNAUTHORIZED");
        expired.then().body("errors[0].message", containsString("expired"));
        // revoking the API token ends its bearer tokens
        String fresh = OciPush.token(p.token(), p.namespace() + "/app");
        long id = given().header("Authorization", p.bearer()).get("/v1/tokens/self").then().extract().jsonPath().getLong("id");
        given().header("Authorization", Fixtures.ADMIN).delete("/v1/tokens/" + id).then().statusCode(204);
        ociError(given().header("Authorization", "Bearer " + fresh).post(uploads), 401, "UNAUTHORIZED");
    }

    @Test
    void chunkedUploadsKeepTheirOrder() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        OciPush push = new OciPush(p, new Fixtures.Release("chunks", "1.0.0", p.key()));
        byte[] blob = new byte[250_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 7 + 3);
        }
        Response start = given().header("Authorization", push.bearer).post(push.repo + "/blobs/uploads/");
        start.then().statusCode(202).header("Range", "0-0");
        String location = start.header("Location");
        String uuid = start.header("Docker-Upload-UUID");
        assertTrue(location.endsWith("/blobs/uploads/" + uuid), location);
        given().header("Authorization", push.bearer).header("Content-Range", "0-99999").contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, 0, 100_000)).patch(location).then().statusCode(202).header("Range", "0-99999");
        // out of order: 416 with the range the session has
        Response gap = given().header("Authorization", push.bearer).header("Content-Range", "100001-100010")
                .contentType("application/octet-stream").body(new byte[10]).patch(location);
        gap.then().statusCode(416).header("Range", "0-99999").body("errors[0].code", equalTo("BLOB_UPLOAD_INVALID"));
        given().header("Authorization", push.bearer).header("Content-Range", "0-9").contentType("application/octet-stream")
                .body(new byte[10]).patch(location).then().statusCode(416);
        // a range that does not match the body, a malformed range
        given().header("Authorization", push.bearer).header("Content-Range", "100000-100019").contentType("application/octet-stream")
                .body(new byte[10]).patch(location).then().statusCode(416);
        given().header("Authorization", push.bearer).header("Content-Range", "x-y").contentType("application/octet-stream")
                .body(new byte[10]).patch(location).then().statusCode(416);
        given().header("Authorization", push.bearer).get(location).then().statusCode(204).header("Range", "0-99999");
        // the next chunk without a range, then the last with the PUT; a wrong digest first
        given().header("Authorization", push.bearer).contentType("application/octet-stream")
                .body(Arrays.copyOfRange(blob, 100_000, 200_000)).patch(location).then().statusCode(202).header("Range", "0-199999");
        ociError(given().header("Authorization", push.bearer).queryParam("digest", Digest.of(new byte[1]).toString())
                .contentType("application/octet-stream").body(new byte[0]).put(location), 400, "DIGEST_INVALID");
        given().header("Authorization", push.bearer).queryParam("digest", Digest.of(blob).toString())
                .contentType("application/octet-stream").body(Arrays.copyOfRange(blob, 200_000, blob.length)).put(location)
                .then().statusCode(201).header("Docker-Content-Digest", Digest.of(blob).toString());
        // finished: the session is gone
        ociError(given().header("Authorization", push.bearer).get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        // a mount of a stored blob answers 201; of an unknown one, an upload session
        given().header("Authorization", push.bearer).queryParam("mount", Digest.of(blob).toString()).queryParam("from", p.namespace() + "/elsewhere")
                .post(push.repo + "/blobs/uploads/").then().statusCode(201).header("Docker-Content-Digest", Digest.of(blob).toString());
        given().header("Authorization", push.bearer).queryParam("mount", Digest.of(new byte[3]).toString()).queryParam("from", p.namespace() + "/x")
                .post(push.repo + "/blobs/uploads/").then().statusCode(202);

        // cancel, unknown and expired sessions
        String second = given().header("Authorization", push.bearer).post(push.repo + "/blobs/uploads/").header("Location");
        given().header("Authorization", push.bearer).delete(second).then().statusCode(204);
        ociError(given().header("Authorization", push.bearer).contentType("application/octet-stream").body(new byte[1]).patch(second),
                404, "BLOB_UPLOAD_UNKNOWN");
        ociError(given().header("Authorization", push.bearer).get(push.repo + "/blobs/uploads/not-a-session"), 404, "BLOB_UPLOAD_UNKNOWN");
        Response third = given().header("Authorization", push.bearer).post(push.repo + "/blobs/uploads/");
        // another repository's session is unknown here
        String otherRepo = "/v2/" + p.namespace() + "/chunks2/blobs/uploads/" + third.header("Docker-Upload-UUID");
        ociError(given().header("Authorization", OciPush.basic(p.token())).get(otherRepo), 404, "BLOB_UPLOAD_UNKNOWN");
        sql("update oci_uploads set expires_at = created_at - interval '1' second where id = ?", third.header("Docker-Upload-UUID"));
        Response expired = given().header("Authorization", push.bearer).contentType("application/octet-stream").body(new byte[1])
                .patch(third.header("Location"));
        ociError(expired, 404, "BLOB_UPLOAD_UNKNOWN");
        expired.then().body("errors[0].message", containsString("expired"));
        assertTrue(janitor.clean().uploads() >= 1);
    }

    @Test
    void badInputGetsTheSpecsCodesAndNeverA5xx() throws Exception {
        Fixtures.Publisher p = Fixtures.publisher();
        Fixtures.Release rel = new Fixtures.Release("bad", "1.0.0", p.key());
        OciPush push = new OciPush(p, rel);
        String uploads = push.repo + "/blobs/uploads/";
        String auth = push.bearer;
        // digests: malformed, unknown algorithm, mismatch
        ociError(given().header("Authorization", auth).queryParam("digest", "sha256:xyz").body(new byte[1]).post(uploads), 400, "DIGEST_INVALID");
        ociError(given().header("Authorization", auth).queryParam("digest", "md5:d41d8cd98f00b204e9800998ecf8427e").body(new byte[1]).post(uploads),
                400, "DIGEST_INVALID");
        ociError(given().header("Authorization", auth).queryParam("digest", "sha512:" + "a".repeat(128)).body(new byte[1]).post(uploads),
                400, "DIGEST_INVALID");
        ociError(given().header("Authorization", auth).queryParam("digest", Digest.of(new byte[2]).toString()).body(new byte[1]).post(uploads),
                400, "DIGEST_INVALID");
        // larger than the upload limit (2 MiB in tests)
        Response big = given().header("Authorization", auth).queryParam("digest", Digest.of(new byte[1]).toString())
                .contentType("application/octet-stream").body(new byte[2 * 1024 * 1024 + 10]).post(uploads);
        ociError(big, 413, "SIZE_INVALID");
        // repository names: traversal, upper case, three components
        for (String repo : List.of("/v2/..%2F..%2Fetc/x/blobs/uploads/", "/v2/" + p.namespace() + "/UPPER/blobs/uploads/",
                "/v2/" + p.namespace() + "/a%2Fb/blobs/uploads/", "/v2/" + p.namespace() + "/..%2E/blobs/uploads/")) {
            Response r = given().header("Authorization", auth).post(repo);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, repo + " -> " + r.statusCode());
        }
        ociError(given().header("Authorization", auth).post("/v2/" + p.namespace() + "/UPPER/blobs/uploads/"), 400, "NAME_INVALID");

        byte[] wasm = Fixtures.moduleOfSize(1_000, 4);
        OciDescriptor layer = push.upload(OciMediaTypes.WASM_LAYER, wasm);
        OciDescriptor cfg = push.upload(OciMediaTypes.WASM_CONFIG, "{\"architecture\":\"wasm\"}".getBytes(StandardCharsets.UTF_8));
        byte[] good = new OciManifest(null, cfg, List.of(layer), null, Map.of()).toJson();
        // content types: octet-stream, another, an index
        ociError(given().header("Authorization", auth).body(good).put(push.repo + "/manifests/1.0.0"), 415, "UNSUPPORTED");
        ociError(given().header("Authorization", auth).contentType("text/plain").body(good).put(push.repo + "/manifests/1.0.0"), 415, "UNSUPPORTED");
        ociError(given().header("Authorization", auth).contentType(OciMediaTypes.IMAGE_INDEX).body(good).put(push.repo + "/manifests/1.0.0"),
                415, "UNSUPPORTED");
        ociError(given().header("Authorization", auth).contentType("application/vnd.docker.distribution.manifest.v2+json").body(good)
                .put(push.repo + "/manifests/1.0.0"), 415, "UNSUPPORTED");
        // not JSON, not a manifest, too large
        ociError(push.putManifest("1.0.0", "{".getBytes(StandardCharsets.UTF_8)), 400, "MANIFEST_INVALID");
        ociError(push.putManifest("1.0.0", "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)), 400, "MANIFEST_INVALID");
        ociError(push.putManifest("1.0.0", "{\"schemaVersion\":2,\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8)), 400, "MANIFEST_INVALID");
        byte[] huge = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        assertEquals(413, push.putManifest("1.0.0", huge).statusCode());
        // references: digest mismatch, bad digest, bad tag, tag abuse
        ociError(push.putManifest(Digest.of(new byte[1]).toString(), good), 400, "DIGEST_INVALID");
        ociError(push.putManifest("sha256:nothex", good), 400, "DIGEST_INVALID");
        ociError(push.putManifest("-bad", good), 400, "MANIFEST_INVALID");
        ociError(push.putManifest("x".repeat(129), good), 400, "MANIFEST_INVALID");
        ociError(push.putManifest("latest", good), 400, "MANIFEST_INVALID");
        ociError(push.putManifest("stable", good), 400, "MANIFEST_INVALID");
        ociError(push.putManifest("1.0", good), 400, "MANIFEST_INVALID");
        ociError(push.putManifest(Digest.of(good).toString(), good), 400, "MANIFEST_INVALID"); // by digest without a version annotation
        byte[] annotated = new OciManifest(null, cfg, List.of(layer), null, Map.of(OciMediaTypes.VERSION_ANNOTATION, "2.0.0")).toJson();
        ociError(push.putManifest("1.0.0", annotated), 400, "MANIFEST_INVALID"); // tag and annotation disagree
        // blobs: missing, wrong size
        OciDescriptor missing = new OciDescriptor(OciMediaTypes.WASM_LAYER, Digest.of(new byte[77]), 77);
        ociError(push.putManifest("1.0.0", new OciManifest(null, cfg, List.of(missing), null, Map.of()).toJson()), 400, "MANIFEST_BLOB_UNKNOWN");
        OciDescriptor wrongSize = new OciDescriptor(OciMediaTypes.WASM_LAYER, layer.digest(), layer.size() + 1);
        ociError(push.putManifest("1.0.0", new OciManifest(null, cfg, List.of(wrongSize), null, Map.of()).toJson()), 400, "MANIFEST_INVALID");
        // layouts that are not asterai's
        OciDescriptor empty = push.upload(OciMediaTypes.EMPTY_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
        ociError(push.putManifest("1.0.0", new OciManifest(null, empty, List.of(layer), null, Map.of()).toJson()), 400, "MANIFEST_INVALID");
        ociError(push.putManifest("1.0.0", new OciManifest(null, cfg, List.of(layer, layer), null, Map.of()).toJson()), 400, "MANIFEST_INVALID");
        OciDescriptor unknownSubject = OciDescriptor.of(OciMediaTypes.IMAGE_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
        byte[] strange = new OciManifest("application/x-other", empty, List.of(layer), unknownSubject, Map.of()).toJson();
        ociError(push.putManifest(Digest.of(strange).toString(), strange), 400, "MANIFEST_INVALID");
        OciDescriptor witLayer = push.upload(OciMediaTypes.WIT_LAYER, rel.witBytes(p.namespace()));
        byte[] orphan = new OciManifest(OciMediaTypes.WIT_ARTIFACT, empty, List.of(witLayer), unknownSubject, Map.of()).toJson();
        ociError(push.putManifest(Digest.of(orphan).toString(), orphan), 400, "MANIFEST_INVALID"); // subject not pushed
        // a referrer under a tag
        push.putManifest("1.0.0", good).then().statusCode(201);
        byte[] wit = new OciManifest(OciMediaTypes.WIT_ARTIFACT, empty, List.of(witLayer), OciDescriptor.of(OciMediaTypes.IMAGE_MANIFEST, good),
                Map.of()).toJson();
        ociError(push.putManifest("1.0.1", wit), 400, "MANIFEST_INVALID");
        push.putManifest(Digest.of(wit).toString(), wit).then().statusCode(201).header("OCI-Subject", Digest.of(good).toString());
        // a namespace nobody holds
        String adminBearer = OciPush.token(Fixtures.ADMIN.substring(7), "nsnobodyholds/x");
        given().header("Authorization", "Bearer " + adminBearer).contentType(OciMediaTypes.IMAGE_MANIFEST).body(good)
                .put("/v2/nsnobodyholds/x/manifests/1.0.0").then().statusCode(404).body("errors[0].code", equalTo("NAME_UNKNOWN"));
        // pending manifests expire and are cleaned
        sql("update oci_manifests set expires_at = created_at - interval '1' second where repository = ?", p.namespace() + "/bad");
        assertTrue(janitor.clean().manifests() >= 2);
    }
}
