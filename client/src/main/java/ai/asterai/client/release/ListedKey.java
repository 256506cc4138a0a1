package ai.asterai.client.release;

import java.time.Instant;
import java.util.Optional;

/**
 * One key of a namespace as the registry lists it: the public key, who vouched for it (the signer's key
 * id and signature over the key statement, docs/signing.md), when it was added and revoked. Trust
 * decides from these which keys to believe; nothing here is trusted yet.
 */
public record ListedKey(String keyId, String publicKey, String label, String signerKeyId, String signature,
                        String createdAt, String revokedAt, boolean active) {
    public Optional<Instant> added() {
        return Timestamps.parse(createdAt);
    }

    public Optional<Instant> revoked() {
        return Timestamps.parse(revokedAt);
    }
}
