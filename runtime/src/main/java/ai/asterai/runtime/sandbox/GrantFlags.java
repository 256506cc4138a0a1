package ai.asterai.runtime.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses grant flags: {@code --allow-dir guest=host[:ro]}, {@code --allow-host scheme://host[:port]},
 * {@code --allow-env NAME[=value]}, {@code --allow-component ns:name}, {@code --grant-all-declared}.
 * Each method reads the values of one flag.
 */
public final class GrantFlags {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private GrantFlags() {
    }

    public static Grants parse(List<String> dirs, List<String> hosts, List<String> env, List<String> components,
                               boolean allDeclared, Long maxMemory, Long maxTimeMs, Path baseDir) {
        Map<String, Grants.DirGrant> d = new LinkedHashMap<>();
        for (String spec : dirs) {
            Map.Entry<String, Grants.DirGrant> e = dir(spec, baseDir);
            if (d.containsKey(e.getKey())) {
                throw new IllegalArgumentException("--allow-dir: " + e.getKey() + " is granted twice");
            }
            d.put(e.getKey(), e.getValue());
        }
        for (String h : hosts) {
            HostPattern.parse(h);
        }
        Map<String, String> e = new LinkedHashMap<>();
        for (String spec : env) {
            int eq = spec.indexOf('=');
            String name = eq < 0 ? spec : spec.substring(0, eq);
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--allow-env: '" + name + "' is not a variable name");
            }
            e.put(name, eq < 0 ? null : spec.substring(eq + 1));
        }
        for (String c : components) {
            ai.asterai.protocol.name.PackageName.parse(c);
        }
        return new Grants(d, hosts, e, components, allDeclared, maxMemory, maxTimeMs);
    }

    /** {@code /data=./state}, {@code /data=/srv/x:ro} (also {@code :rw}). */
    public static Map.Entry<String, Grants.DirGrant> dir(String spec, Path baseDir) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--allow-dir takes guest=host[:ro], e.g. /data=./data (got '" + spec + "')");
        }
        String guest = spec.substring(0, eq);
        String host = spec.substring(eq + 1);
        boolean readOnly = false;
        if (host.endsWith(":ro")) {
            readOnly = true;
            host = host.substring(0, host.length() - 3);
        } else if (host.endsWith(":rw")) {
            host = host.substring(0, host.length() - 3);
        }
        if (!guest.startsWith("/") || guest.contains("..") || guest.contains("\0")) {
            throw new IllegalArgumentException("--allow-dir: the guest path must be absolute without '..' (got '" + guest + "')");
        }
        if (guest.length() > 1 && guest.endsWith("/")) {
            guest = guest.substring(0, guest.length() - 1);
        }
        return Map.entry(guest, new Grants.DirGrant(baseDir.resolve(host).toAbsolutePath().normalize(), readOnly));
    }
}
