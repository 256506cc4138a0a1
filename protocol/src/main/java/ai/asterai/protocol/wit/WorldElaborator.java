package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.Gate;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.TypeOwner;
import ai.asterai.protocol.wit.model.TypeRef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitType;
import ai.asterai.protocol.wit.model.WitWorld;
import ai.asterai.protocol.wit.model.WorldItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes a linked world: merges its {@code include}s (copying the included world's items, renamed by
 * {@code with}), checks that names differ case-insensitively, and elaborates it, i.e. adds as imports the
 * interfaces its imports and exports depend on, rejecting an export that would need an interface both
 * imported and exported.
 */
final class WorldElaborator {
    /** A world whose own items are linked; {@code imports}/{@code exports} are keyed by {@link WorldItem#key()}. */
    record Pending(TypeOwner.WorldRef ref, String docs, Gate gate, Span span, Map<String, WorldItem> imports,
                   Map<String, WorldItem> exports, List<Include> includes) {
    }

    record Include(TypeOwner.WorldRef world, List<Ast.IncludeName> names, Span span) {
    }

    private final Pending world;
    private final Registry registry;

    private WorldElaborator(Pending world, Registry registry) {
        this.world = world;
        this.registry = registry;
    }

    static WitWorld finish(Pending world, Registry registry) {
        return new WorldElaborator(world, registry).run();
    }

    private WitWorld run() {
        for (Include inc : world.includes()) {
            include(inc);
        }
        checkCaseInsensitive(world.imports(), "import");
        checkCaseInsensitive(world.exports(), "export");
        Map<String, WorldItem> imports = new LinkedHashMap<>();
        Map<String, WorldItem> exports = new LinkedHashMap<>();
        Map<String, WorldItem> exportedInterfaces = new LinkedHashMap<>();
        List<Map.Entry<String, WorldItem>> sorted = new ArrayList<>(world.imports().entrySet());
        sorted.sort(Comparator.comparingInt(e -> sortKey(e.getValue())));
        for (Map.Entry<String, WorldItem> e : sorted) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.TypeItem t) {
                TypeOwner.InterfaceRef dep = Registry.useSource(world.ref(), t.type());
                if (dep != null) {
                    importWithDeps(imports, dep.id(), new WorldItem.InterfaceItem(null, dep, null, t.type().gate()));
                }
                imports.put(e.getKey(), item);
            } else if (item instanceof WorldItem.FunctionItem) {
                imports.put(e.getKey(), item);
            } else {
                importWithDeps(imports, e.getKey(), item);
            }
        }
        for (Map.Entry<String, WorldItem> e : world.exports().entrySet()) {
            if (e.getValue() instanceof WorldItem.FunctionItem) {
                exports.put(e.getKey(), e.getValue());
            } else {
                exportedInterfaces.put(e.getKey(), e.getValue());
            }
        }
        Set<TypeOwner> requiredImports = new HashSet<>();
        for (Map.Entry<String, WorldItem> e : exportedInterfaces.entrySet()) {
            if (!addExport(imports, exports, exportedInterfaces, requiredImports, e.getKey(), e.getValue(), true)) {
                throw world.span().error("interface `" + e.getKey()
                        + "` transitively depends on an interface in incompatible ways");
            }
        }
        List<Map.Entry<String, WorldItem>> finalImports = new ArrayList<>(imports.entrySet());
        finalImports.sort(Comparator.comparingInt(e -> sortKey(e.getValue())));
        return new WitWorld(world.ref().name(), world.docs(), world.gate(),
                finalImports.stream().map(Map.Entry::getValue).toList(), new ArrayList<>(exports.values()));
    }

    /** Imports come as interfaces, used types, other types, functions, resource functions. */
    private int sortKey(WorldItem item) {
        if (item instanceof WorldItem.TypeItem t) {
            return Registry.useSource(world.ref(), t.type()) != null ? 1 : 2;
        }
        if (item instanceof WorldItem.FunctionItem f) {
            return f.function().kind() == FunctionKind.FREESTANDING ? 3 : 4;
        }
        return 0;
    }

    private TypeOwner identity(WorldItem item) {
        if (item instanceof WorldItem.InterfaceItem i) {
            return i.iface();
        }
        WorldItem.InlineInterfaceItem inline = (WorldItem.InlineInterfaceItem) item;
        return new TypeOwner.InlineInterfaceRef(world.ref(), isExport(inline), inline.name());
    }

    private boolean isExport(WorldItem.InlineInterfaceItem item) {
        return world.exports().get(item.name()) == item;
    }

    private List<TypeOwner.InterfaceRef> deps(TypeOwner iface) {
        WitInterface linked = registry.iface(iface);
        return linked == null ? List.of() : registry.directDeps(iface, linked);
    }

    /** Adds an interface import after the interfaces it depends on (which inherit its gate). */
    private void importWithDeps(Map<String, WorldItem> imports, String key, WorldItem item) {
        if (imports.containsKey(key)) {
            return;
        }
        for (TypeOwner.InterfaceRef dep : deps(identity(item))) {
            importWithDeps(imports, dep.id(), new WorldItem.InterfaceItem(null, dep, null, item.gate()));
        }
        imports.put(key, item);
    }

    /**
     * Adds an exported interface after its dependencies: those also exported are exported first, others
     * are imported. Fails when an interface would be needed as an import although it is also exported
     * (the export would then see two copies of it).
     */
    private boolean addExport(Map<String, WorldItem> imports, Map<String, WorldItem> exports,
                              Map<String, WorldItem> exportedInterfaces, Set<TypeOwner> requiredImports, String key,
                              WorldItem item, boolean asExport) {
        if (exports.containsKey(key)) {
            return asExport;
        }
        TypeOwner id = identity(item);
        if (!asExport && requiredImports.contains(id)) {
            return true;
        }
        for (TypeOwner.InterfaceRef dep : deps(id)) {
            String depKey = dep.id();
            WorldItem depItem = new WorldItem.InterfaceItem(null, dep, null, item.gate());
            boolean depExport = asExport && exportedInterfaces.containsKey(depKey);
            if (!addExport(imports, exports, exportedInterfaces, requiredImports, depKey, depItem, depExport)) {
                return false;
            }
        }
        if (asExport) {
            if (requiredImports.contains(id)) {
                return false;
            }
            exports.put(key, item);
        } else {
            requiredImports.add(id);
            imports.putIfAbsent(key, item);
        }
        return true;
    }

    private void checkCaseInsensitive(Map<String, WorldItem> items, String what) {
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, WorldItem> e : items.entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem i && i.label() == null) {
                continue;
            }
            String name = e.getKey();
            String previous = seen.put(name.toLowerCase(java.util.Locale.ROOT), name);
            if (previous != null && !previous.equals(name)) {
                throw world.span().error(what + " `" + name + "` in world `" + world.ref().name() + "` conflicts with "
                        + what + " `" + previous + "` (kebab-case identifiers are case-insensitive)");
            }
        }
    }

    // ---- include --------------------------------------------------------------------------------------

    private void include(Include inc) {
        WitWorld from = registry.world(inc.world());
        List<Ast.IncludeName> unmatched = new ArrayList<>(inc.names());
        for (List<WorldItem> items : List.of(from.imports(), from.exports())) {
            for (WorldItem item : items) {
                if (!(item instanceof WorldItem.InterfaceItem i && i.label() == null)) {
                    unmatched.removeIf(n -> rename(item.key(), n) != null);
                }
            }
        }
        if (!unmatched.isEmpty()) {
            throw inc.span().error("no import or export kebab-name `" + unmatched.get(0).name().name()
                    + "`. Note that an ID does not support renaming");
        }
        boolean external = !inc.world().pkg().equals(world.ref().pkg());
        Copier copier = new Copier(inc.world(), world.ref(), inc.names());
        includeItems(copier, from.imports(), world.imports(), "import", inc.span(), external, false);
        includeItems(copier, from.exports(), world.exports(), "export", inc.span(), external, true);
    }

    private void includeItems(Copier copier, List<WorldItem> from, Map<String, WorldItem> into, String what,
                              Span span, boolean external, boolean export) {
        for (WorldItem item : from) {
            if (item instanceof WorldItem.InterfaceItem i && i.label() == null) {
                WorldItem existing = into.get(i.key());
                Gate into0 = existing == null ? i.gate() : existing.gate();
                Gate merged = mergeGate(i.gate(), into0, external, span);
                WorldItem base = existing == null ? i : existing;
                into.put(i.key(), withGate((WorldItem.InterfaceItem) base, merged));
                continue;
            }
            String key = copier.rename(item.key());
            WorldItem copy = copier.item(item, key, export);
            if (into.containsKey(key)) {
                throw span.error(what + " of `" + key + "` shadows previously " + what + "ed items");
            }
            into.put(key, copy);
            if (copy instanceof WorldItem.TypeItem t) {
                registry.addType(new TypeRef(world.ref(), t.type().name()), t.type());
            } else if (copy instanceof WorldItem.InlineInterfaceItem inline) {
                registry.addInterface(new TypeOwner.InlineInterfaceRef(world.ref(), export, key), inline.iface());
            }
        }
    }

    private static WorldItem.InterfaceItem withGate(WorldItem.InterfaceItem item, Gate gate) {
        return new WorldItem.InterfaceItem(item.label(), item.iface(), item.docs(), gate);
    }

    /**
     * The gate of an interface imported both directly and through an include. {@code @since} versions of
     * another package mean nothing here, so they are dropped; otherwise a gate fills in a missing one.
     */
    private static Gate mergeGate(Gate from, Gate into, boolean external, Span span) {
        if (external && from instanceof Gate.Since) {
            return Gate.NONE;
        }
        if (from.equals(into) || from.isNone()) {
            return into;
        }
        if (into.isNone()) {
            return from;
        }
        throw span.error("mismatch in stability from '" + describe(from) + "' to '" + describe(into) + "'");
    }

    private static String describe(Gate gate) {
        if (gate instanceof Gate.Since s) {
            return "@since(version = " + s.version() + ")";
        }
        if (gate instanceof Gate.Unstable u) {
            return "@unstable(feature = " + u.feature() + ")";
        }
        return "no gate";
    }

    /**
     * {@code with { a as b }} renames item {@code a}, and also {@code [method]a.f} and friends when
     * {@code a} is a resource. Returns null when the name does not match.
     */
    static String rename(String original, Ast.IncludeName name) {
        String from = name.name().name();
        String to = name.as().name();
        if (original.equals(from)) {
            return to;
        }
        int close = original.indexOf(']');
        if (close < 0) {
            return null;
        }
        String kind = original.substring(0, close + 1);
        String rest = original.substring(close + 1);
        int dot = rest.indexOf('.');
        if (dot >= 0 && rest.substring(0, dot).equals(from)) {
            return kind + to + rest.substring(dot);
        }
        if (rest.equals(from)) {
            return kind + to;
        }
        return null;
    }

    /** Copies items of an included world into the including one, moving (and renaming) owned types. */
    private static final class Copier {
        private final TypeOwner.WorldRef from;
        private final TypeOwner.WorldRef to;
        private final List<Ast.IncludeName> names;

        Copier(TypeOwner.WorldRef from, TypeOwner.WorldRef to, List<Ast.IncludeName> names) {
            this.from = from;
            this.to = to;
            this.names = names;
        }

        String rename(String key) {
            for (Ast.IncludeName n : names) {
                String renamed = WorldElaborator.rename(key, n);
                if (renamed != null) {
                    return renamed;
                }
            }
            return key;
        }

        WorldItem item(WorldItem item, String key, boolean export) {
            if (item instanceof WorldItem.TypeItem t) {
                return new WorldItem.TypeItem(def(t.type(), key));
            }
            if (item instanceof WorldItem.FunctionItem f) {
                return new WorldItem.FunctionItem(function(f.function(), key));
            }
            if (item instanceof WorldItem.InlineInterfaceItem inline) {
                WitInterface i = inline.iface();
                return new WorldItem.InlineInterfaceItem(key, new WitInterface(i.name(), i.docs(), i.gate(),
                        i.types().stream().map(t -> def(t, t.name())).toList(),
                        i.functions().stream().map(f -> function(f, f.name())).toList()));
            }
            WorldItem.InterfaceItem i = (WorldItem.InterfaceItem) item;
            return new WorldItem.InterfaceItem(key, i.iface(), i.docs(), i.gate());
        }

        private TypeRef ref(TypeRef ref) {
            if (ref == null) {
                return null;
            }
            if (ref.owner().equals(from)) {
                return new TypeRef(to, rename(ref.name()));
            }
            if (ref.owner() instanceof TypeOwner.InlineInterfaceRef inline && inline.world().equals(from)) {
                return new TypeRef(new TypeOwner.InlineInterfaceRef(to, inline.export(), rename(inline.name())),
                        ref.name());
            }
            return ref;
        }

        private TypeDef def(TypeDef def, String name) {
            TypeDef.TypeDefKind kind = def.kind();
            if (kind instanceof TypeDef.AliasDef a) {
                kind = new TypeDef.AliasDef(type(a.target()));
            } else if (kind instanceof TypeDef.RecordDef r) {
                kind = new TypeDef.RecordDef(r.fields().stream()
                        .map(f -> new TypeDef.Field(f.name(), type(f.type()), f.docs())).toList());
            } else if (kind instanceof TypeDef.VariantDef v) {
                kind = new TypeDef.VariantDef(v.cases().stream()
                        .map(c -> new TypeDef.Case(c.name(), type(c.type()), c.docs())).toList());
            }
            return new TypeDef(name, kind, def.docs(), def.gate());
        }

        private WitFunction function(WitFunction f, String key) {
            String name = f.kind() == FunctionKind.FREESTANDING ? key : f.name();
            return new WitFunction(name, f.kind(), ref(f.resource()), f.async(),
                    f.params().stream().map(p -> new WitFunction.Param(p.name(), type(p.type()))).toList(),
                    type(f.result()), f.docs(), f.gate());
        }

        private WitType type(WitType t) {
            if (t == null || t instanceof WitType.Primitive) {
                return t;
            }
            if (t instanceof WitType.Named n) {
                return new WitType.Named(ref(n.ref()));
            }
            if (t instanceof WitType.OwnHandle o) {
                return new WitType.OwnHandle(ref(o.resource()));
            }
            if (t instanceof WitType.BorrowHandle b) {
                return new WitType.BorrowHandle(ref(b.resource()));
            }
            if (t instanceof WitType.ListType l) {
                return new WitType.ListType(type(l.element()));
            }
            if (t instanceof WitType.FixedListType l) {
                return new WitType.FixedListType(type(l.element()), l.size());
            }
            if (t instanceof WitType.MapType m) {
                return new WitType.MapType(type(m.key()), type(m.value()));
            }
            if (t instanceof WitType.OptionType o) {
                return new WitType.OptionType(type(o.inner()));
            }
            if (t instanceof WitType.ResultType r) {
                return new WitType.ResultType(type(r.ok()), type(r.err()));
            }
            if (t instanceof WitType.TupleType tu) {
                return new WitType.TupleType(tu.types().stream().map(this::type).toList());
            }
            if (t instanceof WitType.FutureType f) {
                return new WitType.FutureType(type(f.inner()));
            }
            WitType.StreamType s = (WitType.StreamType) t;
            return new WitType.StreamType(type(s.inner()));
        }
    }
}
