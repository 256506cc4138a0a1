package ai.asterai.runtime.engine;

import ai.asterai.runtime.abi.AbiTypeResolver;
import ai.asterai.runtime.abi.UnsupportedWitType;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.protocol.wit.model.WitWorld;
import ai.asterai.protocol.wit.model.WorldItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A component's WIT world as the runtime uses it: the exported functions with resolved signatures,
 * the imported and exported interface ids, and the functions whose types are not supported yet.
 */
public record ComponentWorld(String id, List<ExportedFunction> exports, List<String> importedInterfaces,
                             List<String> exportedInterfaces, List<String> unsupported) {

    public ComponentWorld {
        exports = List.copyOf(exports);
        importedInterfaces = List.copyOf(importedInterfaces);
        exportedInterfaces = List.copyOf(exportedInterfaces);
        unsupported = List.copyOf(unsupported);
    }

    /**
     * Reads world {@code worldRef} ({@code ns:pkg/world[@version]}, or null for the only world of the main
     * package) from {@code wit}.
     */
    public static ComponentWorld of(ResolvedWit wit, String worldRef) {
        WitWorld world = find(wit, worldRef);
        WitPackageName owner = ownerOf(wit, world);
        AbiTypeResolver types = new AbiTypeResolver(wit);
        List<ExportedFunction> exports = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (WorldItem item : world.exports()) {
            if (item instanceof WorldItem.InterfaceItem ii) {
                String id = ii.iface().id();
                WitInterface iface = wit.findInterface(ii.iface()).orElseThrow();
                for (WitFunction f : iface.functions()) {
                    add(exports, unsupported, types, id, f);
                }
            } else if (item instanceof WorldItem.InlineInterfaceItem inline) {
                for (WitFunction f : inline.iface().functions()) {
                    add(exports, unsupported, types, inline.name(), f);
                }
            } else if (item instanceof WorldItem.FunctionItem fi) {
                add(exports, unsupported, types, null, fi.function());
            }
        }
        List<String> imported = new ArrayList<>(world.importedInterfaceIds());
        for (WorldItem item : world.imports()) {
            if (item instanceof WorldItem.InlineInterfaceItem inline) {
                imported.add(inline.name());
            } else if (item instanceof WorldItem.FunctionItem fi) {
                imported.add(fi.function().qualifiedName() + " (function)");
            }
        }
        List<String> exported = new ArrayList<>(world.exportedInterfaceIds());
        String id = owner.qualify(world.name());
        return new ComponentWorld(id, exports, imported, exported, unsupported);
    }

    private static void add(List<ExportedFunction> exports, List<String> unsupported, AbiTypeResolver types, String iface,
                            WitFunction f) {
        String key = iface == null ? f.qualifiedName() : iface + "#" + f.qualifiedName();
        try {
            exports.add(new ExportedFunction(key, iface, f.qualifiedName(), types.signature(f)));
        } catch (UnsupportedWitType e) {
            unsupported.add(key + ": " + e.getMessage());
        }
    }

    /** Finds a function by its full key, {@code iface#func} with a short interface name, or a unique bare name. */
    public Optional<ExportedFunction> function(String name) {
        for (ExportedFunction f : exports) {
            if (f.key().equals(name)) {
                return Optional.of(f);
            }
        }
        List<ExportedFunction> matches = new ArrayList<>();
        for (ExportedFunction f : exports) {
            if (name.contains("#")) {
                String iface = name.substring(0, name.indexOf('#'));
                String fn = name.substring(name.indexOf('#') + 1);
                if (f.interfaceId() != null && f.name().equals(fn) && shortName(f.interfaceId()).equals(iface)) {
                    matches.add(f);
                }
            } else if (f.name().equals(name)) {
                matches.add(f);
            }
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** {@code ns:pkg/iface@1.0.0} gives {@code iface}. */
    static String shortName(String interfaceId) {
        String s = interfaceId;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        int at = s.indexOf('@');
        return at >= 0 ? s.substring(0, at) : s;
    }

    private static WitWorld find(ResolvedWit wit, String ref) {
        if (ref == null || ref.isBlank()) {
            List<WitWorld> worlds = wit.mainPackage().worlds();
            if (worlds.size() != 1) {
                throw new IllegalArgumentException("the WIT package " + wit.main() + " has " + worlds.size()
                        + " worlds; name one (ns:pkg/world)");
            }
            return worlds.get(0);
        }
        int slash = ref.indexOf('/');
        if (slash < 0) {
            return wit.mainPackage().findWorld(ref).orElseThrow(() -> new IllegalArgumentException("no world " + ref + " in " + wit.main()));
        }
        String pkg = ref.substring(0, slash);
        String rest = ref.substring(slash + 1);
        String version = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            version = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String worldName = rest;
        String finalVersion = version;
        for (WitPackage p : wit.packages()) {
            String ns = p.name().namespace() + ":" + p.name().name();
            if (ns.equals(pkg) && (finalVersion == null || finalVersion.equals(p.name().version()))) {
                Optional<WitWorld> w = p.findWorld(worldName);
                if (w.isPresent()) {
                    return w.get();
                }
            }
        }
        throw new IllegalArgumentException("world " + ref + " is not defined in the component's WIT (main package " + wit.main() + ")");
    }

    private static WitPackageName ownerOf(ResolvedWit wit, WitWorld world) {
        for (WitPackage p : wit.packages()) {
            if (p.worlds().contains(world)) {
                return p.name();
            }
        }
        return wit.main();
    }
}
