package ai.asterai.runtime.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user grants one component at run time. A component receives the intersection of this
 * with what its manifest declares; anything granted but not declared is ignored (and noted).
 *
 * @param dirs          guest path (e.g. {@code /data}) to the host directory behind it
 * @param hosts         {@code scheme://host[:port]} patterns
 * @param env           variable name to value; a null value means "take it from the host's environment"
 * @param components    {@code namespace:name} of components it may list and call
 * @param allDeclared   grant everything the manifest declares (files still need a host directory:
 *                      one from {@code dirs}, or the component's own data folder)
 * @param maxMemory     lower the memory cap below the declared one (bytes), or null
 * @param maxTimeMs     lower the per-call time cap below the declared one, or null
 */
public record Grants(Map<String, DirGrant> dirs, List<String> hosts, Map<String, String> env, List<String> components,
                     boolean allDeclared, Long maxMemory, Long maxTimeMs) {
    public static final Grants NONE = new Grants(Map.of(), List.of(), Map.of(), List.of(), false, null, null);

    /** A host directory; {@code readOnly} narrows a declared rw access to ro. */
    public record DirGrant(Path host, boolean readOnly) {
    }

    public Grants {
        dirs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dirs));
        hosts = List.copyOf(hosts);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        components = List.copyOf(components);
    }

    /** Both grants together (the union): flags on top of a grants file. */
    public Grants plus(Grants other) {
        Map<String, DirGrant> d = new LinkedHashMap<>(dirs);
        d.putAll(other.dirs);
        List<String> h = new java.util.ArrayList<>(hosts);
        other.hosts.stream().filter(x -> !h.contains(x)).forEach(h::add);
        Map<String, String> e = new LinkedHashMap<>(env);
        e.putAll(other.env);
        List<String> c = new java.util.ArrayList<>(components);
        other.components.stream().filter(x -> !c.contains(x)).forEach(c::add);
        return new Grants(d, h, e, c, allDeclared || other.allDeclared, min(maxMemory, other.maxMemory), min(maxTimeMs, other.maxTimeMs));
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }
}
