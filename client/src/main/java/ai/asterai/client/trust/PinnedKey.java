package ai.asterai.client.trust;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A namespace key the user trusts, and why: first use, a signed rotation, or {@code --trusted-key}. */
public record PinnedKey(@JsonProperty("key-id") String keyId, @JsonProperty("public-key") String publicKey,
                        @JsonProperty("pinned-at") String pinnedAt, String reason) {
}
