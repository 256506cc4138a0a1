package ai.asterai.registry.api;

import static io.restassured.RestAssured.given;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds namespaces, keys, tokens and signed publishes through the public API, as a client would. */
public final class Fixtures {
    public static final String ADMIN = "Bearer ast_test-admin-token-0123456789abcdefghijklmnop";

    private Fixtures() {
    }

    /** A request to the management interface (health, metrics), which listens on a port of its own. */
    public static RequestSpecification management() {
        java.net.URI u = java.net.URI.create(io.quarkus.test.common.http.TestHTTPResourceManager.getManagementUri());
        return given().baseUri(u.getScheme() + "://" + u.getHost()).port(u.getPort());
    }

    public static String uniqueNamespace() {
        return "ns" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A namespace with one admin-added key and a token holding every scope on it. */
    public record Publisher(String namespace, SigningKey key, String token) {
        public String bearer() {
            return "Bearer " + token;
        }

        public Response publish(Release r) {
            return r.send(given().header("Authorization", bearer()), namespace);
        }
    }

    public static Publisher publisher() {
        String ns = uniqueNamespace();
        given().header("Authorization", ADMIN).contentType("application/json").body(Map.of("name", ns))
                .post("/v1/namespaces").then().statusCode(201);
        SigningKey key = SigningKey.generate();
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("publicKey", key.publicKey().toString(), "label", "first"))
                .post("/v1/namespaces/" + ns + "/keys").then().statusCode(201);
        return new Publisher(ns, key, token(List.of(ns), List.of("publish", "yank", "keys"), null));
    }

    public static String token(List<String> namespaces, List<String> scopes, Integer days) {
        var body = new java.util.HashMap<String, Object>(Map.of("namespaces", namespaces, "scopes", scopes, "description", "test"));
        if (days != null) {
            body.put("expiresInDays", days);
        }
        return given().header("Authorization", ADMIN).contentType("application/json").body(body)
                .post("/v1/tokens").then().statusCode(201).extract().path("token");
    }

    static Map<String, Object> vouch(String ns, SigningKey signer, SigningKey added) {
        byte[] sig = signer.sign(new KeyStatement(ns, added.publicKey(), signer.publicKey().keyId()).canonicalBytes());
        return Map.of("publicKey", added.publicKey().toString(), "signerKeyId", signer.publicKey().keyId(),
                "signature", Base64.getEncoder().encodeToString(sig));
    }

    /** The smallest valid core module. */
    static byte[] emptyModule() {
        return new byte[]{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    }

    /** A valid core module padded with a custom section to about {@code size} bytes. */
    static byte[] moduleOfSize(int size, int seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(emptyModule());
        byte[] name = "pad".getBytes(StandardCharsets.US_ASCII);
        int payload = Math.max(0, size - 8 - 1 - 5 - 1 - name.length);
        byte[] body = new byte[1 + name.length + payload];
        body[0] = (byte) name.length;
        System.arraycopy(name, 0, body, 1, name.length);
        for (int i = 1 + name.length; i < body.length; i++) {
            body[i] = (byte) (i * 31 + seed);
        }
        out.write(0);
        writeLeb(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeLeb(ByteArrayOutputStream out, int v) {
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** One release to publish; fields can be bent to make bad input. */
    public static final class Release {
        String name;
        String version;
        PackageKind kind = PackageKind.COMPONENT;
        byte[] wasm = emptyModule();
        byte[] wit;
        byte[] manifest;
        byte[] signature;
        SigningKey signer;
        byte[] signedWasm;

        public Release(String name, String version, SigningKey signer) {
            this.name = name;
            this.version = version;
            this.signer = signer;
        }

        /** The WIT sent: as set, or a component world / an interface package named after the release. */
        byte[] witBytes(String ns) {
            if (wit != null) {
                return wit;
            }
            String v = version.replaceAll("\\+.*", "");
            String text = kind == PackageKind.INTERFACE
                    ? "package " + ns + ":" + name + "@" + version + ";\n\ninterface api {\n  ping: func(s: string) -> string;\n}\n"
                    : "package test:" + name + "@" + v + ";\n\nworld " + name + " {\n  export run: func() -> string;\n}\n";
            return text.getBytes(StandardCharsets.UTF_8);
        }

        public Release iface() {
            kind = PackageKind.INTERFACE;
            wasm = null;
            return this;
        }

        byte[] manifestBytes(String ns) {
            if (manifest != null) {
                return manifest;
            }
            return new Manifest(ns + ":" + name, version, kind.wire(), "A test package called " + name,
                    List.of("test"), "Apache-2.0", kind == PackageKind.COMPONENT ? "test:" + name + "/" + name : null,
                    Permissions.NONE).toJson();
        }

        byte[] signatureBytes(String ns) {
            if (signature != null) {
                return signature;
            }
            byte[] w = signedWasm != null ? signedWasm : wasm;
            ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(ns, name), Version.parse(version), kind,
                    Digest.of(manifestBytes(ns)), w == null ? null : Digest.of(w), Digest.of(witBytes(ns)));
            return SignatureBundle.sign(signer, env.canonicalBytes()).toJson();
        }

        Response send(RequestSpecification spec, String ns) {
            RequestSpecification s = spec.multiPart("manifest", "manifest.json", manifestBytes(ns), "application/json")
                    .multiPart("wit", "package.wit", witBytes(ns), "text/plain")
                    .multiPart("signature", "signature.json", signatureBytes(ns), "application/json");
            if (wasm != null) {
                s = s.multiPart("wasm", name + ".wasm", wasm, "application/wasm");
            }
            return s.post("/v1/packages/" + ns + "/" + name + "/versions");
        }
    }
}
