package ai.asterai.runtime.engine;

import ai.asterai.runtime.abi.CoreNames;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.host.HostApi;
import ai.asterai.runtime.host.HostInterface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled module checked against its WIT world and the host: every import is a WASI preview 1 or
 * host-API function with the core type its WIT gives, and every exported WIT function has a core
 * export of the right type. Immutable; {@link InstanceFactory} makes instances from it.
 */
public final class LinkedModule {
    /** An export to call for a WIT function; {@code post} may be null. */
    public record ExportBinding(ExportedFunction function, String core, String post) {
    }

    /** How one import is satisfied: WASI ({@code host} null) or a host-API function. */
    public record ImportBinding(String module, String name, WitSignature.CoreSignature core, HostInterface host,
                                WitSignature signature) {
    }

    private final String component;
    private final CompiledModule module;
    private final ComponentWorld world;
    private final Map<String, ExportBinding> exports;
    private final List<ImportBinding> imports;
    private final String realloc;
    private final String initialize;

    private LinkedModule(String component, CompiledModule module, ComponentWorld world, Map<String, ExportBinding> exports,
                         List<ImportBinding> imports, String realloc, String initialize) {
        this.component = component;
        this.module = module;
        this.world = world;
        this.exports = exports;
        this.imports = imports;
        this.realloc = realloc;
        this.initialize = initialize;
    }

    public static LinkedModule link(String component, CompiledModule module, ComponentWorld world, HostApi api) {
        ModuleInfo info = module.info();
        List<String> problems = new ArrayList<>();
        List<ImportBinding> imports = new ArrayList<>();
        for (ModuleInfo.CoreImport imp : info.imports()) {
            if (!imp.kind().equals("func")) {
                problems.add("imports a " + imp.kind() + " " + imp.module() + "." + imp.name() + "; only functions can be imported");
                continue;
            }
            if (imp.type() == null) {
                problems.add("import " + imp.module() + "." + imp.name() + " uses reference or vector types");
                continue;
            }
            if (imp.module().equals(WasiCatalog.MODULE)) {
                WitSignature.CoreSignature t = WasiCatalog.type(imp.name());
                if (t == null) {
                    problems.add("imports WASI function " + imp.name() + ", which this host does not provide");
                } else if (!t.equals(imp.type())) {
                    problems.add("imports WASI function " + imp.name() + " as " + imp.type() + " but it is " + t);
                } else {
                    imports.add(new ImportBinding(imp.module(), imp.name(), t, null, null));
                }
                continue;
            }
            String iface = CoreNames.importInterface(imp.module());
            HostInterface host = iface == null ? null : api.find(iface).orElse(null);
            if (host == null) {
                problems.add("imports " + imp.module() + "." + imp.name() + ", which this host does not provide (host interfaces: "
                        + String.join(", ", api.ids()) + ", and wasi_snapshot_preview1)");
                continue;
            }
            WitSignature sig = host.signatures().get(imp.name());
            if (sig == null) {
                problems.add("imports " + imp.name() + " from " + host.id() + ", which has no such function");
                continue;
            }
            if (!sig.importCore().equals(imp.type())) {
                problems.add("imports " + host.id() + "#" + imp.name() + " as " + imp.type() + " but its WIT type "
                        + sig.wit() + " lowers to " + sig.importCore());
                continue;
            }
            imports.add(new ImportBinding(imp.module(), imp.name(), imp.type(), host, sig));
        }
        java.util.Set<String> names = info.functionExports().keySet();
        Map<String, ExportBinding> exports = new LinkedHashMap<>();
        for (ExportedFunction f : world.exports()) {
            CoreNames.ExportBinding b = CoreNames.findExport(names, f.interfaceId(), f.name());
            if (b == null) {
                problems.add("its world exports " + f.key() + " but the module has no core export for it (expected '"
                        + (f.interfaceId() == null ? f.name() : f.interfaceId() + "#" + f.name()) + "')");
                continue;
            }
            WitSignature.CoreSignature actual = info.functionExports().get(b.function());
            if (!f.signature().exportCore().equals(actual)) {
                problems.add("core export " + b.function() + " has type " + actual + " but " + f.signature().wit()
                        + " lifts from " + f.signature().exportCore());
                continue;
            }
            exports.put(f.key(), new ExportBinding(f, b.function(), b.post()));
        }
        if (CoreNames.memory(java.util.Set.copyOf(info.otherExports().stream().map(s -> s.substring(0, s.indexOf(" ("))).toList())) == null) {
            problems.add("exports no memory ('memory' or 'cm32p2_memory')");
        }
        if (!problems.isEmpty()) {
            throw new ComponentLinkError(component, null, "cannot be linked: " + String.join("; ", problems));
        }
        return new LinkedModule(component, module, world, exports, imports, CoreNames.realloc(names), CoreNames.initialize(names));
    }

    public String component() {
        return component;
    }

    public CompiledModule module() {
        return module;
    }

    public ComponentWorld world() {
        return world;
    }

    public Map<String, ExportBinding> exports() {
        return exports;
    }

    public List<ImportBinding> imports() {
        return imports;
    }

    /** {@code cabi_realloc} or {@code cm32p2_realloc}, or null when the module exports none. */
    public String realloc() {
        return realloc;
    }

    /** {@code _initialize} or {@code cm32p2_initialize}, or null. */
    public String initialize() {
        return initialize;
    }
}
