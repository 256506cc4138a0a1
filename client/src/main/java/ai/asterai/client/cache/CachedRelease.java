package ai.asterai.client.cache;

import ai.asterai.client.release.ReleaseRecord;

/**
 * A release that was verified when it was pulled: the registry's record of it, the public key
 * whose signature verified, and whether it was yanked then. Offline resolution reads these.
 */
public record CachedRelease(String name, String version, boolean yanked, String signerPublicKey, String verifiedAt,
                            ReleaseRecord metadata) {
}
