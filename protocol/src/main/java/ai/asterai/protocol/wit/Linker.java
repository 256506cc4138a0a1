package ai.asterai.protocol.wit;

import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.wit.model.Gate;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.TypeOwner;
import ai.asterai.protocol.wit.model.TypeRef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.protocol.wit.model.WitType;
import ai.asterai.protocol.wit.model.WitWorld;
import ai.asterai.protocol.wit.model.WorldItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Links a {@link Draft.Package} against the packages already in the {@link Registry}: connects foreign
 * placeholders, drops items whose feature gate is off (a reference to a dropped item is an error),
 * turns drafts into the immutable model, normalizes bare resource names to {@code own} handles, rejects
 * {@code borrow} in results, then merges includes and elaborates every world.
 */
final class Linker {
    private static final String EXCLUDED = "found a reference to a %s which is excluded due to its feature not "
            + "being activated";

    private final Draft.Package draft;
    private final Registry registry;
    private final Set<String> features;
    private final Map<Draft.Type, TypeRef> types = new HashMap<>();
    private final Map<Draft.Interface, TypeOwner> interfaces = new HashMap<>();
    private final Map<Draft.World, TypeOwner.WorldRef> worlds = new HashMap<>();
    private final Set<Object> excluded = new HashSet<>();
    private final Map<Draft.Interface, WitInterface> linkedInterfaces = new HashMap<>();

    private Linker(Draft.Package draft, Registry registry, Set<String> features) {
        this.draft = draft;
        this.registry = registry;
        this.features = features;
    }

    static WitPackage link(Draft.Package draft, Registry registry, Set<String> features) {
        return new Linker(draft, registry, features).run();
    }

    private WitPackage run() {
        linkForeignItems();
        linkForeignTypes();
        for (Draft.Type t : draft.types) {
            linkType(t);
        }
        List<WitInterface> named = new ArrayList<>();
        for (Draft.Interface iface : draft.interfaces) {
            WitInterface linked = linkInterface(iface);
            if (linked != null && iface.name != null) {
                named.add(linked);
            }
        }
        for (Draft.Type t : draft.types) {
            if (!excluded.contains(t) && t.owner instanceof Draft.Interface owner && excluded.contains(owner)) {
                throw t.span.error(String.format(EXCLUDED, "interface")
                        + "; this type is not gated by a feature but its interface is");
            }
        }
        List<WorldElaborator.Pending> pending = new ArrayList<>();
        for (Draft.World world : draft.worlds) {
            WorldElaborator.Pending p = linkWorld(world);
            if (p != null) {
                pending.add(p);
            }
        }
        for (Draft.Type t : draft.types) {
            if (!excluded.contains(t) && t.owner instanceof Draft.World owner && excluded.contains(owner)) {
                throw t.span.error(String.format(EXCLUDED, "world")
                        + "; this type is not gated by a feature but its world is");
            }
        }
        List<WitWorld> linkedWorlds = new ArrayList<>();
        for (WorldElaborator.Pending p : pending) {
            WitWorld world = WorldElaborator.finish(p, registry);
            registry.addWorld(p.ref(), world);
            linkedWorlds.add(world);
        }
        WitPackage pkg = new WitPackage(draft.name, draft.docs, named, linkedWorlds);
        registry.addPackage(pkg);
        return pkg;
    }

    // ---- gates ----------------------------------------------------------------------------------------

    /** Whether an item with this gate is part of the package; an invalid {@code @since} is an error. */
    private boolean included(Gate gate, Span span) {
        if (gate instanceof Gate.Since since) {
            String current = draft.name.version();
            if (current == null) {
                throw span.error("package [" + draft.name + "] contains a feature gate with a version specifier, "
                        + "so it must have a version");
            }
            if (Version.parse(since.version()).compareTo(Version.parse(current)) > 0) {
                throw span.error("feature gate cannot reference unreleased version " + since.version()
                        + " of package [" + draft.name + "] (current version " + current + ")");
            }
            return true;
        }
        if (gate instanceof Gate.Unstable unstable) {
            return features.contains(unstable.feature());
        }
        return true;
    }

    // ---- foreign items --------------------------------------------------------------------------------

    private void linkForeignItems() {
        for (boolean worldsPass : new boolean[] {false, true}) {
            for (Map.Entry<WitPackageName, Draft.ForeignPackage> dep : draft.foreign.entrySet()) {
                for (Map.Entry<String, Draft.ForeignItem> e : dep.getValue().items.entrySet()) {
                    Draft.ForeignItem item = e.getValue();
                    if ((item.target instanceof Draft.World) != worldsPass) {
                        continue;
                    }
                    WitPackage pkg = registry.pkg(dep.getKey());
                    if (pkg == null) {
                        throw dep.getValue().span.error(packageNotFound(dep.getKey()));
                    }
                    Span span = item.target instanceof Draft.World w ? w.span : ((Draft.Interface) item.target).span;
                    boolean enabled = false;
                    for (Gate gate : item.gates) {
                        if (included(gate, span)) {
                            enabled = true;
                            break;
                        }
                    }
                    if (!enabled) {
                        excluded.add(item.target);
                    } else if (item.target instanceof Draft.World w) {
                        if (pkg.findWorld(e.getKey()).isEmpty()) {
                            throw span.error("world '" + e.getKey() + "' not found in package '" + pkg.name() + "'");
                        }
                        worlds.put(w, new TypeOwner.WorldRef(pkg.name(), e.getKey()));
                    } else {
                        if (pkg.findInterface(e.getKey()).isEmpty()) {
                            throw span.error("interface '" + e.getKey() + "' not found in package '" + pkg.name()
                                    + "'");
                        }
                        interfaces.put((Draft.Interface) item.target, new TypeOwner.InterfaceRef(pkg.name(), e.getKey()));
                    }
                }
            }
        }
    }

    private String packageNotFound(WitPackageName name) {
        // Like the reference parser, list the packages linked so far and the one being linked.
        List<WitPackageName> known = new ArrayList<>();
        registry.packages().forEach(p -> known.add(p.name()));
        known.add(draft.name);
        return "package '" + name + "' not found. known packages:" + known.stream()
                .map(n -> "\n    " + n).collect(Collectors.joining());
    }

    private void linkForeignTypes() {
        for (Draft.Type t : draft.foreignTypes) {
            if (!included(t.gate, t.span)) {
                excluded.add(t);
                continue;
            }
            Draft.Interface owner = (Draft.Interface) t.owner;
            if (excluded.contains(owner)) {
                throw t.span.error(String.format(EXCLUDED, "interface"));
            }
            TypeRef ref = new TypeRef(interfaces.get(owner), t.name);
            if (registry.type(ref) == null) {
                throw t.span.error("type `" + t.name + "` not defined in interface");
            }
            types.put(t, ref);
        }
        for (Draft.RequiredResource r : draft.requiredResources) {
            TypeRef ref = types.get(r.type());
            if (ref != null && !registry.isResource(ref)) {
                throw r.span().error("type used in a handle must be a resource");
            }
        }
    }

    // ---- types ----------------------------------------------------------------------------------------

    private TypeOwner owner(Object owner) {
        if (owner instanceof Draft.World w) {
            return new TypeOwner.WorldRef(draft.name, w.name);
        }
        Draft.Interface iface = (Draft.Interface) owner;
        if (iface.inlineWorld != null) {
            return new TypeOwner.InlineInterfaceRef(new TypeOwner.WorldRef(draft.name, iface.inlineWorld.name),
                    iface.inlineExport, iface.inlineName);
        }
        return new TypeOwner.InterfaceRef(draft.name, iface.name);
    }

    private void linkType(Draft.Type t) {
        if (!included(t.gate, t.span)) {
            excluded.add(t);
            return;
        }
        TypeRef ref = new TypeRef(owner(t.owner), t.name);
        TypeDef def = new TypeDef(t.name, kind(t.kind, t.span), t.docs, t.gate);
        registry.addType(ref, def);
        if (registry.addTypeDepth(ref, def) > WitLimits.MAX_TYPE_DEPTH) {
            throw t.span.error("type `" + t.name + "` nests more than " + WitLimits.MAX_TYPE_DEPTH
                    + " types deep, counting through the named types it uses (the limit is " + WitLimits.MAX_TYPE_DEPTH + ")");
        }
        types.put(t, ref);
    }

    private TypeRef ref(Draft.Type t, Span at) {
        TypeRef ref = types.get(t);
        if (ref == null) {
            throw at.error(String.format(EXCLUDED, "type"));
        }
        return ref;
    }

    private TypeDef.TypeDefKind kind(Draft.Kind kind, Span at) {
        if (kind instanceof Draft.Alias a) {
            return new TypeDef.AliasDef(type(a.target(), at, true));
        }
        if (kind instanceof Draft.Record r) {
            List<TypeDef.Field> fields = new ArrayList<>();
            for (Draft.Field f : r.fields()) {
                fields.add(new TypeDef.Field(f.name(), type(f.type(), at, false), f.docs()));
            }
            return new TypeDef.RecordDef(fields);
        }
        if (kind instanceof Draft.Variant v) {
            List<TypeDef.Case> cases = new ArrayList<>();
            for (Draft.Case c : v.cases()) {
                cases.add(new TypeDef.Case(c.name(), c.type() == null ? null : type(c.type(), at, false), c.docs()));
            }
            return new TypeDef.VariantDef(cases);
        }
        if (kind instanceof Draft.Enum e) {
            return new TypeDef.EnumDef(e.cases().stream().map(m -> new TypeDef.EnumCase(m.name(), m.docs())).toList());
        }
        if (kind instanceof Draft.Flags f) {
            return new TypeDef.FlagsDef(f.flags().stream().map(m -> new TypeDef.Flag(m.name(), m.docs())).toList());
        }
        if (kind instanceof Draft.Resource) {
            return new TypeDef.ResourceDef();
        }
        throw new IllegalStateException("unlinked foreign type");
    }

    /**
     * The model form of a type expression. Outside the direct target of an alias ({@code keepNamed}), a
     * name denoting a resource means an owned handle.
     */
    private WitType type(Draft.Ty ty, Span at, boolean keepNamed) {
        if (ty == null) {
            return null;
        }
        if (ty instanceof Draft.Prim p) {
            return p.primitive();
        }
        if (ty instanceof Draft.Ref r) {
            TypeRef ref = ref(r.type(), at);
            return !keepNamed && registry.isResource(ref) ? new WitType.OwnHandle(ref) : new WitType.Named(ref);
        }
        if (ty instanceof Draft.Own o) {
            return new WitType.OwnHandle(ref(o.resource(), at));
        }
        if (ty instanceof Draft.Borrow b) {
            return new WitType.BorrowHandle(ref(b.resource(), at));
        }
        if (ty instanceof Draft.ListOf l) {
            return new WitType.ListType(type(l.element(), at, false));
        }
        if (ty instanceof Draft.FixedList l) {
            return new WitType.FixedListType(type(l.element(), at, false), l.size());
        }
        if (ty instanceof Draft.MapOf m) {
            return new WitType.MapType(type(m.key(), at, false), type(m.value(), at, false));
        }
        if (ty instanceof Draft.OptionOf o) {
            return new WitType.OptionType(type(o.inner(), at, false));
        }
        if (ty instanceof Draft.ResultOf r) {
            return new WitType.ResultType(type(r.ok(), at, false), type(r.err(), at, false));
        }
        if (ty instanceof Draft.TupleOf t) {
            List<WitType> types = new ArrayList<>();
            for (Draft.Ty x : t.types()) {
                types.add(type(x, at, false));
            }
            return new WitType.TupleType(types);
        }
        if (ty instanceof Draft.FutureOf f) {
            return new WitType.FutureType(type(f.inner(), at, false));
        }
        Draft.StreamOf s = (Draft.StreamOf) ty;
        return new WitType.StreamType(type(s.inner(), at, false));
    }

    // ---- interfaces and functions ---------------------------------------------------------------------

    private WitInterface linkInterface(Draft.Interface iface) {
        if (!included(iface.gate, iface.span)) {
            excluded.add(iface);
            return null;
        }
        TypeOwner ref = owner(iface);
        interfaces.put(iface, ref);
        List<TypeDef> defs = new ArrayList<>();
        for (Draft.Type t : iface.types.values()) {
            TypeRef r = types.get(t);
            if (r != null) {
                defs.add(registry.type(r));
            }
        }
        List<WitFunction> functions = new ArrayList<>();
        for (Draft.Function f : iface.functions) {
            if (included(f.gate, f.span)) {
                functions.add(function(f));
            }
        }
        WitInterface linked = new WitInterface(iface.name, iface.docs, iface.gate, defs, functions);
        registry.addInterface(ref, linked);
        if (registry.addUseDepth(ref, linked) > WitLimits.MAX_USE_DEPTH) {
            throw iface.span.error("interface `" + iface.name + "` starts a chain of more than " + WitLimits.MAX_USE_DEPTH
                    + " interfaces, each using types of the next (the limit is " + WitLimits.MAX_USE_DEPTH + ")");
        }
        linkedInterfaces.put(iface, linked);
        return linked;
    }

    private WitFunction function(Draft.Function f) {
        TypeRef resource = f.resource == null ? null : ref(f.resource, f.span);
        List<WitFunction.Param> params = new ArrayList<>();
        for (Draft.Param p : f.params) {
            params.add(new WitFunction.Param(p.name(), type(p.type(), f.span, false)));
        }
        WitType result = type(f.result, f.span, false);
        if (result != null && registry.hasBorrow(result)) {
            throw f.span.error("function `" + f.qualifiedName() + "` returns a type which contains a `borrow<T>` "
                    + "which is not supported");
        }
        return new WitFunction(f.name, f.kind, resource, f.async, params, result, f.docs, f.gate);
    }

    // ---- worlds ---------------------------------------------------------------------------------------

    private WorldElaborator.Pending linkWorld(Draft.World world) {
        if (!included(world.gate, world.span)) {
            excluded.add(world);
            return null;
        }
        TypeOwner.WorldRef ref = new TypeOwner.WorldRef(draft.name, world.name);
        worlds.put(world, ref);
        Map<String, WorldItem> imports = worldItems(world.imports);
        Map<String, WorldItem> exports = worldItems(world.exports);
        List<WorldElaborator.Include> includes = new ArrayList<>();
        for (Draft.Include inc : world.includes) {
            if (!included(inc.gate(), inc.span())) {
                continue;
            }
            TypeOwner.WorldRef from = worlds.get(inc.world());
            if (from == null) {
                throw inc.span().error(String.format(EXCLUDED, "world"));
            }
            includes.add(new WorldElaborator.Include(from, inc.names(), inc.span()));
        }
        return new WorldElaborator.Pending(ref, world.docs, world.gate, world.span, imports, exports, includes);
    }

    private Map<String, WorldItem> worldItems(Map<Object, Draft.WorldItem> items) {
        Map<String, WorldItem> out = new LinkedHashMap<>();
        for (Draft.WorldItem item : items.values()) {
            TypeRef typeRef = null;
            if (item instanceof Draft.TypeItem t) {
                typeRef = ref(t.type(), t.span());
            }
            if (!included(item.gate(), item.span())) {
                continue;
            }
            WorldItem linked;
            if (item instanceof Draft.InterfaceItem i && i.inline()) {
                linked = new WorldItem.InlineInterfaceItem(i.label(), linkedInterfaces.get(i.iface()));
            } else if (item instanceof Draft.InterfaceItem i) {
                TypeOwner ref = interfaces.get(i.iface());
                if (ref == null) {
                    throw i.span().error(String.format(EXCLUDED, "interface"));
                }
                linked = new WorldItem.InterfaceItem(i.label(), (TypeOwner.InterfaceRef) ref, i.docs(), i.gate());
            } else if (item instanceof Draft.FunctionItem f) {
                linked = new WorldItem.FunctionItem(function(f.function()));
            } else {
                linked = new WorldItem.TypeItem(registry.type(typeRef));
            }
            out.put(linked.key(), linked);
        }
        return out;
    }
}
