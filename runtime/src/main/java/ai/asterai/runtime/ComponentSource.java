package ai.asterai.runtime;

import ai.asterai.protocol.release.Permissions;
import ai.asterai.protocol.wit.model.ResolvedWit;

/**
 * Everything needed to load a component: its module bytes, its resolved WIT and world, and the
 * permissions it declares. The client makes one from a verified registry release or a local project
 * (the client's launch package); the runtime only reads it.
 *
 * @param name    {@code namespace:name}
 * @param world   {@code ns:pkg/world@version} as in the manifest
 * @param origin  where it came from, for messages
 */
public record ComponentSource(String name, String version, byte[] wasm, ResolvedWit wit, String world,
                              Permissions permissions, String origin) {

    /** The same component declaring other permissions (local development, tests). */
    public ComponentSource withPermissions(Permissions declared) {
        return new ComponentSource(name, version, wasm, wit, world, declared, origin);
    }
}
