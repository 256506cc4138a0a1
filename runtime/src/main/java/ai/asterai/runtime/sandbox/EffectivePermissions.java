package ai.asterai.runtime.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one component actually gets: the intersection of its declared permissions and the user's
 * grants, bounded by the host's limits. Everything not listed here is denied.
 *
 * @param env        variables and the values the guest sees
 * @param components {@code namespace:name} of components it may list and call
 * @param notes      declared-but-not-granted and granted-but-not-declared items, for the user
 */
public record EffectivePermissions(String component, List<DirAccess> dirs, HostAccess hosts, Map<String, String> env,
                                   long memoryBytes, Duration timePerCall, Set<String> components, List<String> notes) {

    public EffectivePermissions {
        dirs = List.copyOf(dirs);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        components = Set.copyOf(components);
        notes = List.copyOf(notes);
    }

    /** A preopened directory. */
    public record DirAccess(String guest, Path host, boolean readOnly) {
    }

    /**
     * Outgoing HTTP: a URL must match a declared pattern and a granted pattern. Loopback and private
     * addresses additionally need a declared and granted pattern naming that exact host.
     */
    public record HostAccess(List<HostPattern> declared, List<HostPattern> granted) {
        public HostAccess {
            declared = List.copyOf(declared);
            granted = List.copyOf(granted);
        }

        public static final HostAccess NONE = new HostAccess(List.of(), List.of());

        /** Why {@code uri} is not allowed, or empty when it is (before the address check). */
        public Optional<String> denial(URI uri) {
            String origin = origin(uri);
            if (declared.stream().noneMatch(p -> p.matches(uri))) {
                return Optional.of(origin + " is not among the hosts the component declares"
                        + (declared.isEmpty() ? " (it declares none)" : " (" + String.join(", ", declared.stream().map(HostPattern::toString).toList()) + ")"));
            }
            if (granted.stream().noneMatch(p -> p.matches(uri))) {
                return Optional.of(origin + " is declared but not granted (grant it with --allow-host " + origin + ")");
            }
            return Optional.empty();
        }

        /** Whether both a declared and a granted pattern name this exact host (no wildcard). */
        public boolean exactlyAllowed(URI uri) {
            return declared.stream().anyMatch(p -> p.matches(uri) && p.namesExactly(uri.getHost()))
                    && granted.stream().anyMatch(p -> p.matches(uri) && p.namesExactly(uri.getHost()));
        }

        public static String origin(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = uri.getPort() == -1 ? HostPattern.defaultPort(scheme) : uri.getPort();
            return scheme + "://" + uri.getHost() + ":" + port;
        }
    }

    public long memoryPages() {
        return memoryBytes / 65536;
    }
}
