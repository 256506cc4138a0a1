package ai.asterai.protocol.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.SignatureBundle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OCI documents: canonical bytes, strict bounded reading, and the deterministic release mapping. */
class OciJsonTest {
    private static final Digest A = Digest.of("a".getBytes());
    private static final Digest B = Digest.of("b".getBytes());

    static ReleaseArtifacts.Facts facts(PackageKind kind) {
        return new ReleaseArtifacts.Facts(new PackageName("acme", "hello"), Version.parse("1.2.3+b.1"), kind,
                Instant.parse("2026-12-07T10:11:12.345678Z"), kind == PackageKind.COMPONENT ? A : null, 1234, B, 56,
                Digest.of("m".getBytes()), 78, new SignatureBundle("0123456789abcdef0123456789abcdef", "c2ln".repeat(22)),
                List.of("wasi:cli/run@0.2.0", "acme:api/greet@1.0.0"), List.of("wasi:io/streams@0.2.0"));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReleaseAlwaysMapsToTheSameBytes() {
        ReleaseArtifacts a = ReleaseArtifacts.build(facts(PackageKind.COMPONENT));
        ReleaseArtifacts b = ReleaseArtifacts.build(facts(PackageKind.COMPONENT));
        assertArrayEquals(a.componentJson(), b.componentJson());
        assertArrayEquals(a.config(), b.config());
        assertArrayEquals(a.signatureReferrerJson(), b.signatureReferrerJson());
        // fixed here so that a change of the mapping (which changes every published digest) is deliberate
        assertEquals("{\"created\":\"2026-12-07T10:11:12Z\",\"architecture\":\"wasm\",\"os\":\"wasip2\",\"layerDigests\":[\"" + A
                + "\"],\"component\":{\"exports\":[\"acme:api/greet@1.0.0\",\"wasi:cli/run@0.2.0\"],\"imports\":[\"wasi:io/streams@0.2.0\"]}}",
                new String(a.config(), StandardCharsets.UTF_8));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.wasm.config.v0+json\",\"digest\":\"" + Digest.of(a.config()) + "\",\"size\":" + a.config().length
                + "},\"layers\":[{\"mediaType\":\"application/wasm\",\"digest\":\"" + A + "\",\"size\":1234,\"annotations\":"
                + "{\"org.opencontainers.image.title\":\"hello.wasm\"}}],\"annotations\":{\"ai.asterai.package\":\"acme:hello\","
                + "\"org.opencontainers.image.created\":\"2026-12-07T10:11:12Z\",\"org.opencontainers.image.version\":\"1.2.3+b.1\"}}",
                new String(a.componentJson(), StandardCharsets.UTF_8));
        assertEquals(a.componentDigest(), a.signatureReferrer().subject().digest());
        assertEquals(a.componentDigest(), a.witReferrer().subject().digest());
        // reading what was written gives the same value and the same bytes
        assertArrayEquals(a.componentJson(), OciManifest.parse(a.componentJson()).toJson());
        assertArrayEquals(a.signatureReferrerJson(), OciManifest.parse(a.signatureReferrerJson()).toJson());
        assertArrayEquals(a.config(), WasmConfig.parse(a.config()).toJson());
        OciIndex index = new OciIndex(a.referrers());
        assertArrayEquals(index.toJson(), OciIndex.parse(index.toJson()).toJson());
        // the generated blobs are found by digest
        assertArrayEquals(a.signatureBundle(), a.generatedBlob(Digest.of(a.signatureBundle())));
        assertArrayEquals(ReleaseArtifacts.EMPTY_CONFIG, a.generatedBlob(Digest.parse(OciMediaTypes.EMPTY_DIGEST)));
        assertEquals(OciMediaTypes.EMPTY_DIGEST, Digest.of(ReleaseArtifacts.EMPTY_CONFIG).toString());
    }

    @Test
    void anInterfaceReleaseIsItsWit() {
        ReleaseArtifacts a = ReleaseArtifacts.build(facts(PackageKind.INTERFACE));
        assertEquals(OciMediaTypes.WIT_ARTIFACT, a.component().artifactType());
        assertEquals(B, a.component().layers().get(0).digest());
        assertEquals(null, a.config());
    }

    @Test
    void signedBytesAreThoseOfTheSignatureLayer() {
        SigningKey key = SigningKey.generate();
        SignatureBundle bundle = SignatureBundle.sign(key, utf8("x"));
        ReleaseArtifacts.Facts f = facts(PackageKind.COMPONENT);
        ReleaseArtifacts a = ReleaseArtifacts.build(new ReleaseArtifacts.Facts(f.pkg(), f.version(), f.kind(), f.publishedAt(),
                f.wasm(), f.wasmSize(), f.wit(), f.witSize(), f.manifest(), f.manifestSize(), bundle, f.exports(), f.imports()));
        assertEquals(Digest.of(bundle.toJson()), a.signatureReferrer().layers().get(2).digest());
        assertEquals(bundle, SignatureBundle.parse(a.signatureBundle()));
    }

    @Test
    void readingIsStrictAndBounded() {
        String ok = new String(ReleaseArtifacts.build(facts(PackageKind.COMPONENT)).componentJson(), StandardCharsets.UTF_8);
        Map<String, String> bad = Map.ofEntries(
                Map.entry("empty", ""),
                Map.entry("array", "[]"),
                Map.entry("schema 1", ok.replace("\"schemaVersion\":2", "\"schemaVersion\":1")),
                Map.entry("schema text", ok.replace("\"schemaVersion\":2", "\"schemaVersion\":\"2\"")),
                Map.entry("schema float", ok.replace("\"schemaVersion\":2", "\"schemaVersion\":2.0")),
                Map.entry("index type", ok.replace("image.manifest.v1", "image.index.v1")),
                Map.entry("duplicate", ok.replace("{\"schemaVersion\":2,", "{\"schemaVersion\":2,\"schemaVersion\":2,")),
                Map.entry("trailing", ok + "{}"),
                Map.entry("negative size", ok.replace("\"size\":1234", "\"size\":-1")),
                Map.entry("size text", ok.replace("\"size\":1234", "\"size\":\"1234\"")),
                Map.entry("huge size", ok.replace("\"size\":1234", "\"size\":99999999999999999999999")),
                Map.entry("sha512", ok.replace("\"digest\":\"" + A + "\"", "\"digest\":\"sha512:" + "a".repeat(128) + "\"")),
                Map.entry("upper hex", ok.replace(A.hex(), A.hex().toUpperCase())),
                Map.entry("no layers", ok.replaceFirst("\"layers\":\\[.*\\],\"annotations\"", "\"annotations\"")),
                Map.entry("annotation number", ok.replace("\"acme:hello\"", "7")),
                Map.entry("media type", ok.replace("\"application/wasm\"", "\"wasm\"")),
                Map.entry("bom", "\uFEFF" + ok));
        bad.forEach((what, json) -> assertThrows(InvalidInputException.class, () -> OciManifest.parse(utf8(json)), what));
        assertThrows(InvalidInputException.class, () -> OciManifest.parse(new byte[]{(byte) 0xff, '{', '}'}));
        byte[] big = new byte[OciJson.MAX_DOCUMENT + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThrows(InvalidInputException.class, () -> OciManifest.parse(big));
        StringBuilder many = new StringBuilder("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\"" + A + "\",\"size\":1},\"layers\":[");
        for (int i = 0; i <= OciJson.MAX_ITEMS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"mediaType\":\"a/b\",\"digest\":\"").append(A).append("\",\"size\":1}");
        }
        assertThrows(InvalidInputException.class, () -> OciManifest.parse(utf8(many + "]}")));
        // unknown fields are ignored, as the image spec requires of readers
        OciManifest m = OciManifest.parse(utf8(ok.replace("{\"schemaVersion\":2,", "{\"schemaVersion\":2,\"x-future\":[1,{}],")));
        assertEquals(A, m.layers().get(0).digest());
        assertTrue(OciIndex.parse(utf8("{\"schemaVersion\":2,\"manifests\":[]}")).manifests().isEmpty());
    }

    @Test
    void namesTagsAndDigests() {
        assertEquals("1.2.3_b.1", OciNames.tag(Version.parse("1.2.3+b.1")));
        assertEquals(Version.parse("1.2.3+b.1"), OciNames.versionOf("1.2.3_b.1"));
        assertEquals(null, OciNames.versionOf("latest"));
        assertEquals(new PackageName("acme", "hello"), OciNames.packageOf("acme/hello"));
        for (String bad : List.of("acme", "a/b/c", "Acme/x", "acme/he_llo", "", "/x")) {
            assertThrows(InvalidInputException.class, () -> OciNames.packageOf(bad), bad);
        }
        assertTrue(OciNames.isDigestSyntax("sha512:" + "a".repeat(128)));
        assertTrue(!OciNames.isDigestSyntax("sha256"));
        assertTrue(!OciNames.isTag("a".repeat(129)));
    }
}
