package ai.asterai.registry.ratelimit;

import static io.restassured.RestAssured.given;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A minimal signed interface publish of {@code ns:pkg}. */
final class RateLimitedPublish {
    private RateLimitedPublish() {
    }

    static int publish(String ns, SigningKey key, String token, String version) {
        return request(ns, key, token, version).then().extract().statusCode();
    }

    static Response request(String ns, SigningKey key, String token, String version) {
        byte[] manifest = new Manifest(ns + ":pkg", version, "interface", null, List.of(), null, null, Permissions.NONE).toJson();
        byte[] wit = ("package " + ns + ":pkg@" + version + ";\ninterface i { f: func(); }\n").getBytes(StandardCharsets.UTF_8);
        ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(ns, "pkg"), Version.parse(version), PackageKind.INTERFACE,
                Digest.of(manifest), null, Digest.of(wit));
        return given().header("Authorization", "Bearer " + token)
                .multiPart("manifest", "m.json", manifest, "application/json")
                .multiPart("wit", "p.wit", wit, "text/plain")
                .multiPart("signature", "s.json", SignatureBundle.sign(key, env.canonicalBytes()).toJson(), "application/json")
                .post("/v1/packages/" + ns + "/pkg/versions");
    }
}
