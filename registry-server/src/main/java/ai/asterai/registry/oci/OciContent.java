package ai.asterai.registry.oci;

import ai.asterai.protocol.crypto.Digest;

/**
 * Content a repository serves by digest: either bytes the blob store holds (a release's wasm, WIT and
 * signed manifest, the same digests as on {@code /v1}) or bytes generated from the release (the OCI
 * manifests, the config, the signature bundle, the empty config), which no store holds.
 */
public sealed interface OciContent {
    Digest digest();

    long size();

    String mediaType();

    record Stored(Digest digest, long size, String mediaType, long releaseId) implements OciContent {
    }

    record Generated(Digest digest, byte[] bytes, String mediaType) implements OciContent {
        @Override
        public long size() {
            return bytes.length;
        }
    }
}
