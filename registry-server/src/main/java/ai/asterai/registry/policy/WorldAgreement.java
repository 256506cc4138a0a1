package ai.asterai.registry.policy;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.component.ComponentWorld;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.TypeOwner;
import ai.asterai.protocol.wit.model.TypeRef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitType;
import ai.asterai.protocol.wit.model.WitWorld;
import ai.asterai.protocol.wit.model.WorldItem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a component's own world (read from its binary) agrees with the world its uploaded WIT
 * declares. "Agree" (docs/security.md):
 * <ul>
 * <li>exports: the same interfaces and world-level functions, each interface with the same functions;</li>
 * <li>imports: everything the component imports is imported by the world, with the functions it
 * imports; the world may import more (toolchains drop unused imports and unused functions of an
 * imported interface); interfaces of the {@code wasi} namespace a toolchain adds on its own
 * (componentize-js's engine, the preview1 adapter, wasip2 targets) need not be declared, but are
 * compared when the world declares them;</li>
 * <li>every function compared has the same kind, parameter names, and parameter and result types:
 * value types by structure (as the component model's own type checking does; the names of records,
 * variants and aliases do not matter), resources by the interface and name that define them;</li>
 * <li>interface ids compare by namespace, package, interface and SemVer version without build metadata.</li>
 * </ul>
 * Bounded: type definitions are indexed once, each pair of named types is compared once, nesting is
 * cut at {@value #MAX_DEPTH} and all comparisons at {@value #MAX_STEPS} steps.
 */
public final class WorldAgreement {
    static final int MAX_DEPTH = 512;
    static final int MAX_STEPS = 5_000_000;

    /** How a world is seen for comparison: its items by normalized key, and its type definitions by reference. */
    private record Side(String label, Map<String, Item> exports, Map<String, Item> imports, Map<TypeRef, TypeDef> types) {
    }

    /** An import or export: an interface (functions by qualified name) or a world-level function. */
    private record Item(String key, Map<String, WitFunction> functions, WitFunction function) {
        boolean isInterface() {
            return functions != null;
        }
    }

    private final Side component;
    private final Side wit;
    private final Map<String, String> memo = new HashMap<>();
    private int steps;

    private WorldAgreement(Side component, Side wit) {
        this.component = component;
        this.wit = wit;
    }

    /**
     * The first difference between the component's world and {@code world} of {@code resolved}, or
     * empty when they agree. {@code worldId} names the world in the sentence.
     */
    public static Optional<String> difference(ComponentWorld cw, ResolvedWit resolved, WitWorld world, String worldId) {
        Side c = side("the component", cw);
        Side w = side("world `" + worldId + "`", world, resolved);
        return new WorldAgreement(c, w).compare(cw.unrepresentable());
    }

    private Optional<String> compare(List<String> unrepresentable) {
        if (!unrepresentable.isEmpty()) {
            return Optional.of("the component has `" + unrepresentable.get(0) + "`, which no WIT world can declare");
        }
        for (Item e : component.exports().values()) {
            if (!wit.exports().containsKey(e.key())) {
                return Optional.of("the component exports `" + e.key() + "` but " + wit.label() + " does not");
            }
        }
        for (Item e : wit.exports().values()) {
            if (!component.exports().containsKey(e.key())) {
                return Optional.of(wit.label() + " exports `" + e.key() + "` but the component does not");
            }
            Optional<String> d = item("export", component.exports().get(e.key()), e, true);
            if (d.isPresent()) {
                return d;
            }
        }
        for (Item i : component.imports().values()) {
            Item declared = wit.imports().get(i.key());
            if (declared == null) {
                if (i.isInterface() && i.key().startsWith("wasi:")) {
                    continue; // a platform import the toolchain added
                }
                return Optional.of("the component imports `" + i.key() + "` but " + wit.label() + " does not");
            }
            Optional<String> d = item("import", i, declared, false);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** One import or export present on both sides; {@code exact}: the same functions both ways (exports). */
    private Optional<String> item(String direction, Item c, Item w, boolean exact) {
        if (c.isInterface() != w.isInterface()) {
            return Optional.of("`" + c.key() + "` is " + (c.isInterface() ? "an interface" : "a function") + " in the component's "
                    + direction + "s but " + (w.isInterface() ? "an interface" : "a function") + " in " + wit.label());
        }
        if (!c.isInterface()) {
            return function(direction + " `" + c.key() + "`", c.function(), w.function());
        }
        for (WitFunction f : c.functions().values()) {
            WitFunction g = w.functions().get(f.qualifiedName());
            if (g == null) {
                return Optional.of("the component's " + direction + " `" + c.key() + "` has function `" + f.qualifiedName()
                        + "` but " + wit.label() + " does not declare it there");
            }
            Optional<String> d = function(direction + " `" + c.key() + "`, function `" + f.qualifiedName() + "`", f, g);
            if (d.isPresent()) {
                return d;
            }
        }
        if (exact) {
            for (WitFunction g : w.functions().values()) {
                if (!c.functions().containsKey(g.qualifiedName())) {
                    return Optional.of(wit.label() + " declares function `" + g.qualifiedName() + "` in " + direction + " `"
                            + c.key() + "` but the component's " + direction + " has no such function");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> function(String where, WitFunction f, WitFunction g) {
        if (f.kind() != g.kind()) {
            return Optional.of(where + ": a " + kind(f) + " in the component, a " + kind(g) + " in " + wit.label());
        }
        if (f.params().size() != g.params().size()) {
            return Optional.of(where + ": " + f.params().size() + " parameters in the component, " + g.params().size()
                    + " in " + wit.label());
        }
        for (int i = 0; i < f.params().size(); i++) {
            WitFunction.Param p = f.params().get(i);
            WitFunction.Param q = g.params().get(i);
            if (!p.name().equals(q.name())) {
                return Optional.of(where + ": parameter " + (i + 1) + " is `" + p.name() + "` in the component, `" + q.name()
                        + "` in " + wit.label());
            }
            String d = type(p.type(), q.type(), 0);
            if (d != null) {
                return Optional.of(where + ", parameter `" + p.name() + "`: " + d);
            }
        }
        if ((f.result() == null) != (g.result() == null)) {
            return Optional.of(where + ": " + (f.result() == null ? "no result" : "a result") + " in the component, "
                    + (g.result() == null ? "no result" : "a result") + " in " + wit.label());
        }
        if (f.result() != null) {
            String d = type(f.result(), g.result(), 0);
            if (d != null) {
                return Optional.of(where + ", result: " + d);
            }
        }
        return Optional.empty();
    }

    private static String kind(WitFunction f) {
        return f.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    // ---------------------------------------------------------------- types

    /** Null when {@code a} (component) and {@code b} (WIT) are the same type, else what differs. */
    private String type(WitType a, WitType b, int depth) {
        if (++steps > MAX_STEPS) {
            throw new InvalidInputException("wasm", "the component's world is too large to compare with " + wit.label()
                    + " (over " + MAX_STEPS + " type comparisons)");
        }
        if (depth > MAX_DEPTH) {
            return "types nested more than " + MAX_DEPTH + " deep";
        }
        if (a instanceof WitType.Named na && b instanceof WitType.Named nb) {
            String key = na.ref() + "\u0000" + nb.ref();
            String known = memo.get(key);
            if (known != null) {
                return known.isEmpty() ? null : known;
            }
            String d = defs(na.ref(), nb.ref(), depth);
            memo.put(key, d == null ? "" : d);
            return d;
        }
        if (a instanceof WitType.Named na) {
            TypeDef def = component.types().get(na.ref());
            if (def != null && def.kind() instanceof TypeDef.AliasDef alias) {
                return type(alias.target(), b, depth + 1);
            }
            return mismatch(a, b);
        }
        if (b instanceof WitType.Named nb) {
            TypeDef def = wit.types().get(nb.ref());
            if (def != null && def.kind() instanceof TypeDef.AliasDef alias) {
                return type(a, alias.target(), depth + 1);
            }
            return mismatch(a, b);
        }
        if (a instanceof WitType.Primitive || b instanceof WitType.Primitive) {
            return a == b ? null : mismatch(a, b);
        }
        if (a instanceof WitType.ListType x && b instanceof WitType.ListType y) {
            return type(x.element(), y.element(), depth + 1);
        }
        if (a instanceof WitType.FixedListType x && b instanceof WitType.FixedListType y) {
            return x.size() != y.size() ? mismatch(a, b) : type(x.element(), y.element(), depth + 1);
        }
        if (a instanceof WitType.OptionType x && b instanceof WitType.OptionType y) {
            return type(x.inner(), y.inner(), depth + 1);
        }
        if (a instanceof WitType.ResultType x && b instanceof WitType.ResultType y) {
            String d = optional(x.ok(), y.ok(), depth);
            return d != null ? d : optional(x.err(), y.err(), depth);
        }
        if (a instanceof WitType.TupleType x && b instanceof WitType.TupleType y) {
            if (x.types().size() != y.types().size()) {
                return mismatch(a, b);
            }
            for (int i = 0; i < x.types().size(); i++) {
                String d = type(x.types().get(i), y.types().get(i), depth + 1);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof WitType.OwnHandle x && b instanceof WitType.OwnHandle y) {
            return resource(x.resource(), y.resource());
        }
        if (a instanceof WitType.BorrowHandle x && b instanceof WitType.BorrowHandle y) {
            return resource(x.resource(), y.resource());
        }
        if (a instanceof WitType.MapType x && b instanceof WitType.MapType y) {
            String d = type(x.key(), y.key(), depth + 1);
            return d != null ? d : type(x.value(), y.value(), depth + 1);
        }
        if (a instanceof WitType.FutureType x && b instanceof WitType.FutureType y) {
            return optional(x.inner(), y.inner(), depth);
        }
        if (a instanceof WitType.StreamType x && b instanceof WitType.StreamType y) {
            return optional(x.inner(), y.inner(), depth);
        }
        return mismatch(a, b);
    }

    private String optional(WitType a, WitType b, int depth) {
        if (a == null || b == null) {
            return a == b ? null : mismatch(a, b);
        }
        return type(a, b, depth + 1);
    }

    /** Two named types: aliases followed, then records, variants, enums and flags by structure, resources by identity. */
    private String defs(TypeRef ra, TypeRef rb, int depth) {
        TypeDef a = component.types().get(ra);
        TypeDef b = wit.types().get(rb);
        if (a == null || b == null) {
            return ra.name().equals(rb.name()) ? null : "type `" + ra.name() + "` in the component, `" + rb.name() + "` in " + wit.label();
        }
        if (a.kind() instanceof TypeDef.AliasDef x) {
            return type(x.target(), new WitType.Named(rb), depth + 1);
        }
        if (b.kind() instanceof TypeDef.AliasDef y) {
            return type(new WitType.Named(ra), y.target(), depth + 1);
        }
        if (a.kind() instanceof TypeDef.RecordDef x && b.kind() instanceof TypeDef.RecordDef y) {
            if (x.fields().size() != y.fields().size()) {
                return "record `" + ra.name() + "` has " + x.fields().size() + " fields in the component, " + y.fields().size()
                        + " in " + wit.label();
            }
            for (int i = 0; i < x.fields().size(); i++) {
                TypeDef.Field f = x.fields().get(i);
                TypeDef.Field g = y.fields().get(i);
                if (!f.name().equals(g.name())) {
                    return "record `" + ra.name() + "`: field " + (i + 1) + " is `" + f.name() + "` in the component, `" + g.name()
                            + "` in " + wit.label();
                }
                String d = type(f.type(), g.type(), depth + 1);
                if (d != null) {
                    return "record `" + ra.name() + "`, field `" + f.name() + "`: " + d;
                }
            }
            return null;
        }
        if (a.kind() instanceof TypeDef.VariantDef x && b.kind() instanceof TypeDef.VariantDef y) {
            if (x.cases().size() != y.cases().size()) {
                return "variant `" + ra.name() + "` has " + x.cases().size() + " cases in the component, " + y.cases().size()
                        + " in " + wit.label();
            }
            for (int i = 0; i < x.cases().size(); i++) {
                TypeDef.Case f = x.cases().get(i);
                TypeDef.Case g = y.cases().get(i);
                if (!f.name().equals(g.name())) {
                    return "variant `" + ra.name() + "`: case " + (i + 1) + " is `" + f.name() + "` in the component, `" + g.name()
                            + "` in " + wit.label();
                }
                String d = optional(f.type(), g.type(), depth);
                if (d != null) {
                    return "variant `" + ra.name() + "`, case `" + f.name() + "`: " + d;
                }
            }
            return null;
        }
        if (a.kind() instanceof TypeDef.EnumDef x && b.kind() instanceof TypeDef.EnumDef y) {
            List<String> p = x.cases().stream().map(TypeDef.EnumCase::name).toList();
            List<String> q = y.cases().stream().map(TypeDef.EnumCase::name).toList();
            return p.equals(q) ? null : "enum `" + ra.name() + "` is " + p + " in the component, " + q + " in " + wit.label();
        }
        if (a.kind() instanceof TypeDef.FlagsDef x && b.kind() instanceof TypeDef.FlagsDef y) {
            List<String> p = x.flags().stream().map(TypeDef.Flag::name).toList();
            List<String> q = y.flags().stream().map(TypeDef.Flag::name).toList();
            return p.equals(q) ? null : "flags `" + ra.name() + "` are " + p + " in the component, " + q + " in " + wit.label();
        }
        if (a.kind() instanceof TypeDef.ResourceDef && b.kind() instanceof TypeDef.ResourceDef) {
            return resource(ra, rb);
        }
        return "`" + ra.name() + "` is a " + a.kind().keyword() + " in the component, `" + rb.name() + "` a " + b.kind().keyword()
                + " in " + wit.label();
    }

    /** Two resources are the same when the interface (or world) and name that define them are. */
    private String resource(TypeRef ra, TypeRef rb) {
        String a = identity(definition(ra, component.types()));
        String b = identity(definition(rb, wit.types()));
        return a.equals(b) ? null : "resource `" + a + "` in the component, `" + b + "` in " + wit.label();
    }

    /** Follows {@code type x = y} and {@code use} to the definition; bounded by {@link #MAX_DEPTH}. */
    private static TypeRef definition(TypeRef ref, Map<TypeRef, TypeDef> types) {
        TypeRef r = ref;
        for (int i = 0; i < MAX_DEPTH; i++) {
            TypeDef d = types.get(r);
            if (d != null && d.kind() instanceof TypeDef.AliasDef alias && alias.target() instanceof WitType.Named n) {
                r = n.ref();
            } else if (d != null && d.kind() instanceof TypeDef.AliasDef alias && alias.target() instanceof WitType.OwnHandle h) {
                r = h.resource();
            } else {
                return r;
            }
        }
        return r;
    }

    private static String identity(TypeRef r) {
        return owner(r.owner()) + "." + r.name();
    }

    private static String owner(TypeOwner o) {
        if (o instanceof TypeOwner.InterfaceRef i) {
            return normalize(i.id());
        }
        if (o instanceof TypeOwner.InlineInterfaceRef inline) {
            return "world#" + (inline.export() ? "export:" : "import:") + inline.name();
        }
        return "world";
    }

    private static String mismatch(WitType a, WitType b) {
        return describe(a) + " in the component, " + describe(b) + " in the WIT";
    }

    private static String describe(WitType t) {
        if (t == null) {
            return "nothing";
        }
        if (t instanceof WitType.Primitive p) {
            return "`" + p.wit() + "`";
        }
        if (t instanceof WitType.Named n) {
            return "`" + n.ref().name() + "`";
        }
        String s = t.getClass().getSimpleName().replace("Type", "").replace("Handle", "").toLowerCase(java.util.Locale.ROOT);
        return "a" + ("aeiou".indexOf(s.charAt(0)) >= 0 ? "n " : " ") + s;
    }

    // ---------------------------------------------------------------- the two sides

    /**
     * The component's side, indexed straight from its interfaces (not through {@code toWit()}, which
     * groups interfaces by package in quadratic time: a binary may import 100,000 of them).
     */
    private static Side side(String label, ComponentWorld cw) {
        Map<TypeRef, TypeDef> types = new HashMap<>();
        Map<TypeOwner.InterfaceRef, WitInterface> interfaces = new HashMap<>();
        for (Map.Entry<String, WitInterface> e : cw.interfaces().entrySet()) {
            TypeOwner.InterfaceRef owner = interfaceRef(e.getKey());
            interfaces.putIfAbsent(owner, e.getValue());
            e.getValue().types().forEach(t -> types.putIfAbsent(new TypeRef(owner, t.name()), t));
        }
        index(new TypeOwner.WorldRef(ComponentWorld.ROOT, cw.world().name()), cw.world(), types);
        return new Side(label, items(cw.world().exports(), interfaces), items(cw.world().imports(), interfaces), types);
    }

    /** {@code ns:pkg/iface@version} as ComponentWorld names the owner of an interface's types. */
    private static TypeOwner.InterfaceRef interfaceRef(String id) {
        int colon = id.indexOf(':');
        int slash = id.indexOf('/');
        int at = id.indexOf('@');
        String version = at < 0 ? null : id.substring(at + 1);
        return new TypeOwner.InterfaceRef(new ai.asterai.protocol.wit.model.WitPackageName(id.substring(0, colon),
                id.substring(colon + 1, slash), version), id.substring(slash + 1, at < 0 ? id.length() : at));
    }

    private static Side side(String label, WitWorld world, ResolvedWit resolved) {
        Map<TypeRef, TypeDef> types = new HashMap<>();
        Map<TypeOwner.InterfaceRef, WitInterface> interfaces = new HashMap<>();
        for (WitPackage p : resolved.packages()) {
            for (WitInterface i : p.interfaces()) {
                TypeOwner.InterfaceRef owner = new TypeOwner.InterfaceRef(p.name(), i.name());
                interfaces.putIfAbsent(owner, i);
                i.types().forEach(t -> types.putIfAbsent(new TypeRef(owner, t.name()), t));
            }
            for (WitWorld w : p.worlds()) {
                index(new TypeOwner.WorldRef(p.name(), w.name()), w, types);
            }
        }
        return new Side(label, items(world.exports(), interfaces), items(world.imports(), interfaces), types);
    }

    private static void index(TypeOwner.WorldRef ref, WitWorld w, Map<TypeRef, TypeDef> types) {
        for (WorldItem item : concat(w.imports(), w.exports())) {
            if (item instanceof WorldItem.TypeItem t) {
                types.putIfAbsent(new TypeRef(ref, t.type().name()), t.type());
            }
        }
        for (boolean export : new boolean[] {false, true}) {
            for (WorldItem item : export ? w.exports() : w.imports()) {
                if (item instanceof WorldItem.InlineInterfaceItem inline) {
                    TypeOwner owner = new TypeOwner.InlineInterfaceRef(ref, export, inline.name());
                    inline.iface().types().forEach(t -> types.putIfAbsent(new TypeRef(owner, t.name()), t));
                }
            }
        }
    }

    private static List<WorldItem> concat(List<WorldItem> a, List<WorldItem> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Map<String, Item> items(List<WorldItem> items, Map<TypeOwner.InterfaceRef, WitInterface> interfaces) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (WorldItem item : items) {
            if (item instanceof WorldItem.InterfaceItem i) {
                String key = i.label() != null ? i.label() : normalize(i.iface().id());
                out.put(key, new Item(key, functions(interfaces.get(i.iface())), null));
            } else if (item instanceof WorldItem.InlineInterfaceItem i) {
                out.put(i.name(), new Item(i.name(), functions(i.iface()), null));
            } else if (item instanceof WorldItem.FunctionItem f) {
                out.put(f.key(), new Item(f.key(), null, f.function()));
            }
        }
        return out;
    }

    private static Map<String, WitFunction> functions(WitInterface iface) {
        Map<String, WitFunction> out = new LinkedHashMap<>();
        if (iface != null) {
            iface.functions().forEach(f -> out.putIfAbsent(f.qualifiedName(), f));
        }
        return out;
    }

    /** {@code ns:pkg/iface@version} with the version's build metadata dropped; other names unchanged. */
    static String normalize(String id) {
        int at = id.indexOf('@');
        if (at < 0) {
            return id;
        }
        String v = id.substring(at + 1);
        return Version.isValid(v) ? id.substring(0, at) + "@" + Version.parse(v).withoutBuild() : id;
    }
}
