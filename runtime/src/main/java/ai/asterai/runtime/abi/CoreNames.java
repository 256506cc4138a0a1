package ai.asterai.runtime.abi;

import java.util.List;
import java.util.Set;

/**
 * Core-module names of component functions, in both schemes a runtime meets: wit-bindgen's
 * ({@code ns:pkg/iface@1.2.3#func}, {@code cabi_post_..}, {@code cabi_realloc}, {@code memory},
 * {@code _initialize}) and wit-component's newer one ({@code cm32p2|ns:pkg/iface@1|func},
 * {@code ..._post}, {@code cm32p2_realloc}, {@code cm32p2_memory}, {@code cm32p2_initialize}), whose
 * versions are shortened ({@code @0.1} for 0.1.0, {@code @1} for 1.x).
 */
public final class CoreNames {
    static final String NEW_PREFIX = "cm32p2";

    private CoreNames() {
    }

    /**
     * A resolved export: the names to call, or null where absent.
     *
     * @param function the export implementing the WIT function
     * @param post     its post-return function, or null
     */
    public record ExportBinding(String function, String post) {
    }

    /** Finds the export of {@code func} in {@code iface} (null for a world-level function). */
    public static ExportBinding findExport(Set<String> exports, String iface, String func) {
        String classic = iface == null ? func : iface + "#" + func;
        if (exports.contains(classic)) {
            String post = "cabi_post_" + classic;
            return new ExportBinding(classic, exports.contains(post) ? post : null);
        }
        for (String scope : iface == null ? List.of("") : List.of(shortened(iface), iface)) {
            String name = NEW_PREFIX + "|" + scope + "|" + func;
            if (exports.contains(name)) {
                String post = name + "_post";
                return new ExportBinding(name, exports.contains(post) ? post : null);
            }
        }
        return null;
    }

    public static String realloc(Set<String> exports) {
        return first(exports, "cabi_realloc", NEW_PREFIX + "_realloc");
    }

    public static String memory(Set<String> exports) {
        return first(exports, "memory", NEW_PREFIX + "_memory");
    }

    public static String initialize(Set<String> exports) {
        return first(exports, "_initialize", NEW_PREFIX + "_initialize");
    }

    /**
     * The interface id an import module names, in either scheme: {@code ns:pkg/iface@0.1.0} as is,
     * {@code cm32p2|ns:pkg/iface@0.1} without the prefix (still shortened). Null for anything else.
     */
    public static String importInterface(String module) {
        if (module.startsWith(NEW_PREFIX + "|")) {
            return module.substring(NEW_PREFIX.length() + 1);
        }
        return module.contains(":") && module.contains("/") ? module : null;
    }

    /** Whether an import module (as named in the module) refers to interface id {@code iface}. */
    public static boolean sameInterface(String importModuleInterface, String iface) {
        return importModuleInterface.equals(iface) || importModuleInterface.equals(shortened(iface));
    }

    /** {@code ns:pkg/iface@0.1.0} becomes {@code ns:pkg/iface@0.1}; {@code @1.2.3} becomes {@code @1}. */
    public static String shortened(String id) {
        int at = id.lastIndexOf('@');
        if (at < 0) {
            return id;
        }
        String v = id.substring(at + 1);
        if (v.contains("-") || v.contains("+")) {
            return id;
        }
        String[] p = v.split("\\.");
        if (p.length != 3) {
            return id;
        }
        String shortV = !p[0].equals("0") ? p[0] : !p[1].equals("0") ? "0." + p[1] : v;
        return id.substring(0, at + 1) + shortV;
    }

    private static String first(Set<String> exports, String a, String b) {
        return exports.contains(a) ? a : exports.contains(b) ? b : null;
    }
}
