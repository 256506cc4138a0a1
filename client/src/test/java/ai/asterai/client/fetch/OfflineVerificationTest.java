package ai.asterai.client.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.VerificationException;
import ai.asterai.client.cache.CachedRelease;
import ai.asterai.client.cache.ContentCache;
import ai.asterai.client.cache.ReleaseIndex;
import ai.asterai.client.config.AsteraiHome;
import ai.asterai.client.release.ReleaseRecord;
import ai.asterai.client.trust.NamespacePins;
import ai.asterai.client.trust.PinnedKey;
import ai.asterai.client.trust.TrustStore;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.release.ReleaseEnvelope;
import ai.asterai.protocol.release.SignatureBundle;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12: the offline path verified less than the online one (it skipped the wasm check). A
 * cache as an older client or another tool may have left it, with a signed release whose wasm part
 * is not WebAssembly, must be refused offline exactly as online.
 */
class OfflineVerificationTest {
    private static final byte[] MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    @TempDir
    Path tmp;

    @Test
    void aCachedReleaseWhoseWasmIsNotWebAssemblyIsRefusedOffline() throws Exception {
        AsteraiHome home = new AsteraiHome(tmp.resolve("home"));
        cacheSignedRelease(home, "acme", "good", MODULE);
        cacheSignedRelease(home, "acme", "bad", "signed, cached, and not wasm".getBytes(StandardCharsets.UTF_8));
        ComponentFetcher offline = new ComponentFetcher(home, null);

        VerifiedComponent good = offline.fetch(PackageRef.parse("acme:good"), FetchOptions.defaults());
        assertTrue(good.fromCache());
        assertEquals(Digest.of(MODULE), good.wasmDigest().orElseThrow());

        VerificationException e = assertThrows(VerificationException.class,
                () -> offline.fetch(PackageRef.parse("acme:bad"), FetchOptions.defaults()));
        assertTrue(e.getMessage().contains("not a valid WebAssembly binary"), e.getMessage());
    }

    /** Writes a release into the cache, index and trust store as a pull would have. */
    private static void cacheSignedRelease(AsteraiHome home, String ns, String name, byte[] wasm) throws Exception {
        SigningKey key = SigningKey.generate();
        byte[] wit = ("package test:" + name + "@1.0.0;\n\nworld " + name + " {\n  export run: func() -> string;\n}\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = new Manifest(ns + ":" + name, "1.0.0", "component", "cached", List.of(), "Apache-2.0",
                "test:" + name + "/" + name, Permissions.NONE).toJson();
        ContentCache cache = new ContentCache(home.cache());
        for (byte[] part : List.of(wasm, wit, manifest)) {
            cache.put(part);
        }
        ReleaseEnvelope env = new ReleaseEnvelope(new PackageName(ns, name), Version.parse("1.0.0"), PackageKind.COMPONENT,
                Digest.of(manifest), Digest.of(wasm), Digest.of(wit));
        SignatureBundle sig = SignatureBundle.sign(key, env.canonicalBytes());
        String now = Instant.now().toString();
        ReleaseRecord meta = new ReleaseRecord(ns + ":" + name, "1.0.0", "component",
                new ReleaseRecord.Parts(blob(wasm), blob(wit), blob(manifest)), new ObjectMapper().readTree(manifest),
                new ReleaseRecord.Signature(sig.keyId(), sig.signature()), now, false, null, 0, null, null, null);
        new ReleaseIndex(home.cache()).put(new CachedRelease(ns + ":" + name, "1.0.0", false, key.publicKey().toString(), now, meta));
        TrustStore trust = new TrustStore(home.trust());
        List<PinnedKey> pins = new java.util.ArrayList<>(trust.load(ns).map(NamespacePins::keys).orElse(List.of()));
        pins.add(new PinnedKey(key.publicKey().keyId(), key.publicKey().toString(), now, "first use"));
        trust.save(new NamespacePins(ns, pins));
    }

    private static ReleaseRecord.Blob blob(byte[] bytes) {
        return new ReleaseRecord.Blob(Digest.of(bytes).toString(), bytes.length);
    }
}
