package ai.asterai.client.fetch;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.release.SignatureBundle;
import java.nio.file.Path;

/**
 * A signed release whose parts arrived some other way than the registry's {@code /v1} (an OCI
 * registry): each part in a file, already checked against its digest by the caller (a temp file of
 * the content cache, or the cache's own verified blob), plus the signature bundle. {@link
 * ComponentFetcher#acceptDetached} verifies it exactly as a {@code /v1} release.
 *
 * @param origin where it came from, for messages (an {@code oci://} reference)
 * @param wasm   null for an interface package
 */
public record DetachedRelease(String origin, Part manifest, Part wit, Part wasm, SignatureBundle signature) {
    /** One part: its file, its verified digest and size. */
    public record Part(Path file, Digest digest, long size) {
    }
}
