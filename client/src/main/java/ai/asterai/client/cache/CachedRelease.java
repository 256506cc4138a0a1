package ai.asterai.client.cache;

import ai.asterai.client.registry.Models;

/**
 * A release that was verified when it was pulled: the registry's metadata for it, the public key
 * whose signature verified, and whether it was yanked then. Offline resolution reads these.
 */
public record CachedRelease(String name, String version, boolean yanked, String signerPublicKey, String verifiedAt,
                            Models.VersionInfo metadata) {
}
