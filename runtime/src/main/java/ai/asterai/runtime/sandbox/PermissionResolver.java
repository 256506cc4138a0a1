package ai.asterai.runtime.sandbox;

import ai.asterai.protocol.release.Permissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes {@link EffectivePermissions}: declared ∩ granted, bounded by {@link RuntimeLimits}. Nothing
 * comes from the host process unless granted: environment values only for granted names, directories
 * only when mapped (explicitly, or to the component's own data folder with {@code --grant-all-declared}).
 */
public final class PermissionResolver {
    private final RuntimeLimits limits;
    private final Function<String, String> hostEnv;
    private final Function<String, Path> defaultDataDir;

    /**
     * @param hostEnv        reads the host's environment, only for names the user granted without a value
     * @param defaultDataDir where a component's declared directory lives when granted by
     *                       {@code --grant-all-declared} without an explicit host directory
     *                       (argument: {@code namespace:name} + guest path); null to refuse that
     */
    public PermissionResolver(RuntimeLimits limits, Function<String, String> hostEnv, Function<String, Path> defaultDataDir) {
        this.limits = limits;
        this.hostEnv = hostEnv;
        this.defaultDataDir = defaultDataDir;
    }

    public EffectivePermissions resolve(String component, Permissions declared, Grants granted, AuditLog audit) {
        List<String> notes = new ArrayList<>();
        List<EffectivePermissions.DirAccess> dirs = new ArrayList<>();
        Set<String> declaredGuests = new LinkedHashSet<>();
        for (Permissions.FileGrant f : declared.files()) {
            String guest = f.guest().length() > 1 && f.guest().endsWith("/") ? f.guest().substring(0, f.guest().length() - 1) : f.guest();
            declaredGuests.add(guest);
            Grants.DirGrant g = granted.dirs().get(guest);
            Path host;
            if (g != null) {
                host = g.host();
            } else if (granted.allDeclared() && defaultDataDir != null) {
                host = defaultDataDir.apply(component + guest);
            } else {
                notes.add("declares " + guest + " (" + f.access() + ") but it is not granted: the component will not see it");
                continue;
            }
            boolean readOnly = f.readOnly() || (g != null && g.readOnly());
            ensureDirectory(host, readOnly && g != null, guest);
            dirs.add(new EffectivePermissions.DirAccess(guest, host, readOnly));
        }
        for (String guest : granted.dirs().keySet()) {
            if (!declaredGuests.contains(guest)) {
                notes.add("grants " + guest + " but the component does not declare it: ignored");
                audit.record(AuditEvent.notice(component, "grant", guest, "granted directory not declared by the component; ignored"));
            }
        }

        List<HostPattern> declaredHosts = declared.hosts().stream().map(HostPattern::parse).toList();
        List<HostPattern> grantedHosts = new ArrayList<>(granted.hosts().stream().map(HostPattern::parse).toList());
        if (granted.allDeclared()) {
            grantedHosts.addAll(declaredHosts);
        }
        for (HostPattern g : granted.hosts().stream().map(HostPattern::parse).toList()) {
            if (!declaredHosts.contains(g) && declaredHosts.stream().noneMatch(d -> d.matches(g.scheme(), g.host(), g.port()))) {
                notes.add("grants " + g + " but the component does not declare it: requests there stay denied");
            }
        }
        for (HostPattern d : declaredHosts) {
            if (grantedHosts.stream().noneMatch(g -> g.equals(d) || g.matches(d.scheme(), d.host(), d.port()))) {
                notes.add("declares " + d + " but it is not granted");
            }
        }

        Map<String, String> env = new LinkedHashMap<>();
        for (String name : declared.env()) {
            boolean isGranted = granted.env().containsKey(name) || granted.allDeclared();
            if (!isGranted) {
                notes.add("declares environment variable " + name + " but it is not granted");
                continue;
            }
            String value = granted.env().get(name);
            if (value == null) {
                value = hostEnv.apply(name);
            }
            if (value == null) {
                notes.add("environment variable " + name + " is granted but not set on this host");
                continue;
            }
            env.put(name, value);
        }
        for (String name : granted.env().keySet()) {
            if (!declared.env().contains(name)) {
                notes.add("grants environment variable " + name + " but the component does not declare it: ignored");
                audit.record(AuditEvent.denied(component, "env", name, "granted but not declared by the component: not visible to it"));
            }
        }

        long memory = declared.memory() != null ? declared.memory() : limits.defaultMemory();
        if (granted.maxMemory() != null) {
            memory = Math.min(memory, granted.maxMemory());
        }
        memory = Math.max(65536, Math.min(memory, limits.maxMemory()));

        long timeMs = declared.timeMs() != null ? declared.timeMs() : limits.defaultTime().toMillis();
        if (granted.maxTimeMs() != null) {
            timeMs = Math.min(timeMs, granted.maxTimeMs());
        }
        Duration time = Duration.ofMillis(Math.max(1, Math.min(timeMs, limits.maxTime().toMillis())));

        Set<String> components = new LinkedHashSet<>();
        for (String c : declared.components()) {
            if (granted.allDeclared() || granted.components().contains(c)) {
                components.add(c);
            } else {
                notes.add("declares component " + c + " but it is not granted");
            }
        }
        for (String c : granted.components()) {
            if (!declared.components().contains(c)) {
                notes.add("grants component " + c + " but the component does not declare it: ignored");
            }
        }
        return new EffectivePermissions(component, dirs, new EffectivePermissions.HostAccess(declaredHosts, grantedHosts),
                env, memory, time, components, notes);
    }

    /** Creates a missing directory unless it was granted explicitly read-only (then it must exist). */
    private static void ensureDirectory(Path host, boolean readOnly, String guest) {
        if (Files.isDirectory(host)) {
            return;
        }
        if (Files.exists(host)) {
            throw new IllegalArgumentException("the directory granted as " + guest + " is not a directory: " + host);
        }
        if (readOnly) {
            throw new IllegalArgumentException("the directory granted read-only as " + guest + " does not exist: " + host);
        }
        try {
            Files.createDirectories(host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory granted as " + guest + ": " + host, e);
        }
    }
}
