package ai.asterai.protocol.component;

import ai.asterai.protocol.component.Resolved.BorrowV;
import ai.asterai.protocol.component.Resolved.CFunc;
import ai.asterai.protocol.component.Resolved.CGlobal;
import ai.asterai.protocol.component.Resolved.CImport;
import ai.asterai.protocol.component.Resolved.CMemory;
import ai.asterai.protocol.component.Resolved.CTable;
import ai.asterai.protocol.component.Resolved.CTag;
import ai.asterai.protocol.component.Resolved.CompE;
import ai.asterai.protocol.component.Resolved.CompT;
import ai.asterai.protocol.component.Resolved.CoreE;
import ai.asterai.protocol.component.Resolved.CoreModuleT;
import ai.asterai.protocol.component.Resolved.EnumV;
import ai.asterai.protocol.component.Resolved.Ext;
import ai.asterai.protocol.component.Resolved.FlagsV;
import ai.asterai.protocol.component.Resolved.FuncE;
import ai.asterai.protocol.component.Resolved.FuncT;
import ai.asterai.protocol.component.Resolved.InstE;
import ai.asterai.protocol.component.Resolved.InstT;
import ai.asterai.protocol.component.Resolved.ListV;
import ai.asterai.protocol.component.Resolved.ModuleE;
import ai.asterai.protocol.component.Resolved.OptionV;
import ai.asterai.protocol.component.Resolved.OwnV;
import ai.asterai.protocol.component.Resolved.Prim;
import ai.asterai.protocol.component.Resolved.RecordV;
import ai.asterai.protocol.component.Resolved.Res;
import ai.asterai.protocol.component.Resolved.ResT;
import ai.asterai.protocol.component.Resolved.ResultV;
import ai.asterai.protocol.component.Resolved.T;
import ai.asterai.protocol.component.Resolved.TupleV;
import ai.asterai.protocol.component.Resolved.TypeE;
import ai.asterai.protocol.component.Resolved.VT;
import ai.asterai.protocol.component.Resolved.ValT;
import ai.asterai.protocol.component.Resolved.ValueE;
import ai.asterai.protocol.component.Resolved.VariantV;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a decoded {@link Component} against the component model's rules: index bounds in every
 * index space, canon lift/lower against the core function types (flattening with
 * MAX_FLAT_PARAMS = 16, MAX_FLAT_RESULTS = 1) and their options, instantiation arguments against
 * the imports they satisfy (subtyping, resources substituted), aliases, extern names (kebab case,
 * interface names, annotations, strong uniqueness) and resources (own/borrow of resources only, no
 * borrow in results, resource.new/rep of local resources only).
 *
 * <p>Not checked: core function bodies (the engine validates modules), value definitions and their
 * consumption (🪙, refused by the decoder), the canonical ABI's element-size bound.
 */
public final class ComponentValidator {
    static final int MAX_FLAT_PARAMS = 16;
    static final int MAX_FLAT_RESULTS = 1;
    /** Substitution modes: keep resources, renew those a type declares, renew all (instantiation). */
    private static final int FRESH_NONE = 0;
    private static final int FRESH_DECLARED = 1;
    private static final int FRESH_ALL = 2;

    private enum Kind { COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE }

    /** The index spaces of one scope: a component, a component type or an instance type. */
    private static final class Scope {
        final Scope parent;
        final Kind kind;
        final List<CoreType.Func> coreFuncs = new ArrayList<>();
        final List<CoreE> coreTables = new ArrayList<>();
        final List<CoreE> coreMemories = new ArrayList<>();
        final List<CoreE> coreGlobals = new ArrayList<>();
        final List<CoreE> coreTags = new ArrayList<>();
        final List<Object> coreTypes = new ArrayList<>(); // CoreType.Func or CoreModuleT
        final List<CoreModuleT> coreModules = new ArrayList<>();
        final List<Map<String, CoreE>> coreInstances = new ArrayList<>();
        final List<FuncT> funcs = new ArrayList<>();
        final List<VT> values = new ArrayList<>();
        final List<T> types = new ArrayList<>();
        final List<CompT> components = new ArrayList<>();
        final List<InstT> instances = new ArrayList<>();
        final Map<String, Ext> imports = new LinkedHashMap<>();
        final Map<String, Ext> exports = new LinkedHashMap<>();
        final Map<String, String> importCanon = new HashMap<>();
        final Map<String, String> exportCanon = new HashMap<>();
        /** Resources named by an import (export) of this scope: the labels annotated names refer to. */
        final Map<String, Res> importResources = new HashMap<>();
        final Map<String, Res> exportResources = new HashMap<>();
        /** Externally visible names: the types (by identity) introduced by imports, by exports. */
        final Set<Object> importNamed = identitySet();
        final Set<Object> exportNamed = identitySet();

        Scope(Scope parent, Kind kind) {
            this.parent = parent;
            this.kind = kind;
        }
    }

    private ComponentValidator() {
    }

    private static Set<Object> identitySet() {
        return java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * Validates a component and everything nested in it.
     *
     * @throws InvalidComponentException at the first rule broken, with the offset of its definition
     */
    public static void validate(Component component) {
        resolve(component);
    }

    /** Validates and returns the component's type: its imports and exports, resolved. */
    static CompT resolve(Component component) {
        ComponentValidator v = new ComponentValidator();
        try {
            return v.component(component, null);
        } catch (StackOverflowError e) {
            // types refer to earlier types, so a binary can chain them as deep as it has bytes for;
            // the recursive comparisons then run out of stack, which is this binary's fault
            throw new InvalidComponentException(v.current, "types nested too deeply to validate");
        }
    }

    /** The offset of the definition being validated (for the one error raised outside a rule). */
    private long current;

    private static InvalidComponentException invalid(long at, String reason) {
        return new InvalidComponentException(at, reason);
    }

    private static <X> X get(List<X> space, long index, String what, long at) {
        if (index < 0 || index >= space.size()) {
            throw invalid(at, "unknown " + what + " " + index + ": " + what + " index out of bounds (" + space.size() + " defined)");
        }
        return space.get((int) index);
    }

    // ---------------------------------------------------------------- components

    private CompT component(Component c, Scope parent) {
        Scope s = new Scope(parent, Kind.COMPONENT);
        for (Definition d : c.definitions()) {
            definition(s, d);
        }
        return compT(s.imports, s.exports, c.offset());
    }

    private static CompT compT(Map<String, Ext> imports, Map<String, Ext> exports, long at) {
        long size = 1;
        for (Ext e : imports.values()) {
            size += e.size();
        }
        for (Ext e : exports.values()) {
            size += e.size();
        }
        return new CompT(ordered(imports), ordered(exports), checkSize(size, at));
    }

    private static InstT instT(Map<String, Ext> exports, long at) {
        long size = 1;
        for (Ext e : exports.values()) {
            size += e.size();
        }
        return new InstT(ordered(exports), checkSize(size, at));
    }

    /** An unmodifiable copy that keeps the order of definition (WIT lists items in it). */
    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static int checkSize(long size, long at) {
        if (size > Resolved.MAX_TYPE_SIZE) {
            throw invalid(at, "effective type size exceeds the limit of " + Resolved.MAX_TYPE_SIZE);
        }
        return (int) size;
    }

    private void definition(Scope s, Definition d) {
        long at = d.offset();
        current = at;
        if (d instanceof Definition.Custom) {
            return;
        } else if (d instanceof Definition.CoreModule m) {
            s.coreModules.add(coreModule(m.info(), at));
        } else if (d instanceof Definition.CoreInstantiate ci) {
            s.coreInstances.add(coreInstantiate(s, ci));
        } else if (d instanceof Definition.CoreInlineInstance ci) {
            Map<String, CoreE> exports = new LinkedHashMap<>();
            for (Definition.CoreInlineExport e : ci.exports()) {
                CoreE item = coreItem(s, e.sort(), e.index(), at);
                if (exports.putIfAbsent(e.name(), item) != null) {
                    throw invalid(at, "export name `" + e.name() + "` already defined");
                }
            }
            s.coreInstances.add(exports);
        } else if (d instanceof Definition.CoreTypeDefinition t) {
            s.coreTypes.add(coreType(s, t.type(), at));
        } else if (d instanceof Definition.NestedComponent n) {
            s.components.add(component(n.component(), s));
        } else if (d instanceof Definition.Instantiate i) {
            s.instances.add(instantiate(s, i));
        } else if (d instanceof Definition.InlineInstance i) {
            Map<String, Ext> exports = new LinkedHashMap<>();
            Map<String, String> canon = new HashMap<>();
            Map<String, Res> resources = new HashMap<>();
            Set<Object> named = identitySet();
            for (Definition.InlineExport e : i.exports()) {
                Ext item = rename(item(s, e.sort(), e.index(), at), named, e.name().name());
                name(e.name(), item, canon, resources, at);
                exports.put(e.name().name(), item);
            }
            s.instances.add(instT(exports, at));
        } else if (d instanceof Definition.AliasDefinition a) {
            alias(s, a.alias(), at);
        } else if (d instanceof Definition.TypeDefinition t) {
            s.types.add(type(s, t.type(), at));
        } else if (d instanceof Definition.CanonLift l) {
            s.funcs.add(lift(s, l));
        } else if (d instanceof Definition.CanonLower l) {
            s.coreFuncs.add(lower(s, l));
        } else if (d instanceof Definition.ResourceNew r) {
            localResource(s, r.resource(), "resource.new", at);
            s.coreFuncs.add(new CoreType.Func(List.of(CoreType.ValType.I32), List.of(CoreType.ValType.I32)));
        } else if (d instanceof Definition.ResourceRep r) {
            localResource(s, r.resource(), "resource.rep", at);
            s.coreFuncs.add(new CoreType.Func(List.of(CoreType.ValType.I32), List.of(CoreType.ValType.I32)));
        } else if (d instanceof Definition.ResourceDrop r) {
            resourceAt(s, r.resource(), at);
            s.coreFuncs.add(new CoreType.Func(List.of(CoreType.ValType.I32), List.of()));
        } else if (d instanceof Definition.Start st) {
            start(s, st);
        } else if (d instanceof Definition.Import i) {
            importItem(s, i.name(), externType(s, i.type(), at, i.name().name()), at);
        } else if (d instanceof Definition.Export e) {
            Ext item = item(s, e.sort(), e.index(), at);
            if (e.type().isPresent()) {
                Ext ascribed = externType(s, e.type().get(), at, e.name().name());
                if (!subtype(item, ascribed, new IdentityHashMap<>())) {
                    throw invalid(at, "ascribed type of export `" + e.name().name() + "` is not compatible with the exported item");
                }
                item = ascribed;
            }
            exportItem(s, e.name(), item, at);
        } else {
            throw new IllegalStateException("unknown definition " + d);
        }
    }

    /** An import of a component or component type: named, visible, then in the index spaces. */
    private void importItem(Scope s, ExternName n, Ext e, long at) {
        visible(e, s.importNamed::contains, at, "import");
        e = rename(e, s.importNamed, n.name());
        name(n, e, s.importCanon, s.importResources, at);
        s.imports.put(n.name(), e);
        add(s, e);
    }

    /** An export of a component or component type (of an instance type when {@code check} is false). */
    private void exportItem(Scope s, ExternName n, Ext e, long at) {
        if (containsBorrow(e)) {
            throw invalid(at, "export `" + n.name() + "` uses a borrow outside a function parameter");
        }
        if (s.kind != Kind.INSTANCE_TYPE) {
            visible(e, x -> s.importNamed.contains(x) || s.exportNamed.contains(x), at, "export");
        }
        e = rename(e, s.exportNamed, n.name());
        name(n, e, s.exportCanon, s.exportResources, at);
        s.exports.put(n.name(), e);
        add(s, e);
    }

    // ---------------------------------------------------------------- external visibility

    private static boolean nominal(VT v) {
        return v instanceof RecordV || v instanceof VariantV || v instanceof EnumV || v instanceof FlagsV;
    }

    private static VT copyNominal(VT v) {
        if (v instanceof RecordV r) {
            return new RecordV(r.labels(), r.types(), r.size());
        } else if (v instanceof VariantV va) {
            return new VariantV(va.labels(), va.types(), va.size());
        } else if (v instanceof EnumV e) {
            return new EnumV(e.labels(), e.size());
        }
        FlagsV f = (FlagsV) v;
        return new FlagsV(f.labels(), f.size());
    }

    /**
     * The item as the new index an import or export introduces: a type gets a new identity, its
     * externally visible name, added to {@code named}; an instance's own names become visible too.
     */
    private static Ext rename(Ext e, Set<Object> named, String label) {
        if (e instanceof TypeE t && t.type() instanceof ResT r) {
            Res n = r.resource().named(label);
            named.add(n);
            return new TypeE(new ResT(n));
        }
        if (e instanceof TypeE t && t.type() instanceof ValT v && nominal(v.type())) {
            VT copy = copyNominal(v.type());
            named.add(copy);
            return new TypeE(new ValT(copy));
        }
        if (e instanceof InstE i) {
            named.addAll(topNames(i.type()));
        }
        return e;
    }

    /** The names an instance type introduces: its type exports, and those of its instance exports. */
    private static Set<Object> topNames(InstT i) {
        Set<Object> out = identitySet();
        for (Ext x : i.exports().values()) {
            if (x instanceof TypeE t && t.type() instanceof ResT r) {
                out.add(r.resource());
            } else if (x instanceof TypeE t && t.type() instanceof ValT v && nominal(v.type())) {
                out.add(v.type());
            } else if (x instanceof InstE inner) {
                out.addAll(topNames(inner.type()));
            }
        }
        return out;
    }

    /**
     * Every resource and record/variant/enum/flags used in the type of an import or export must have
     * an externally visible name (Explainer.md, "External Visibility of Types"); the type an export
     * of a type names is itself exempt, its parts are not.
     */
    private static void visible(Ext e, java.util.function.Predicate<Object> named, long at, String what) {
        Set<Object> seen = identitySet();
        if (!visibleExt(e, named, seen, true)) {
            throw invalid(at, e.sort() + " not valid to be used as " + what);
        }
    }

    private static boolean visibleExt(Ext e, java.util.function.Predicate<Object> named, Set<Object> seen, boolean top) {
        if (e instanceof FuncE f) {
            return visibleFunc(f.type(), named, seen);
        } else if (e instanceof ValueE v) {
            return visibleVt(v.type(), named, seen);
        } else if (e instanceof TypeE t) {
            return visibleT(t.type(), named, seen, top);
        } else if (e instanceof InstE i) {
            return visibleInst(i.type(), named, seen);
        }
        return true; // modules; component types were checked where they were defined
    }

    private static boolean visibleT(T t, java.util.function.Predicate<Object> named, Set<Object> seen, boolean top) {
        if (t instanceof ResT r) {
            return top || named.test(r.resource());
        } else if (t instanceof ValT v) {
            if (top && nominal(v.type())) {
                return visibleChildren(v.type(), named, seen);
            }
            return visibleVt(v.type(), named, seen);
        } else if (t instanceof FuncT f) {
            return visibleFunc(f, named, seen);
        } else if (t instanceof InstT i) {
            return visibleInst(i, named, seen);
        }
        return true;
    }

    private static boolean visibleInst(InstT i, java.util.function.Predicate<Object> named, Set<Object> seen) {
        Set<Object> own = topNames(i);
        java.util.function.Predicate<Object> inner = x -> own.contains(x) || named.test(x);
        for (Ext x : i.exports().values()) {
            if (!visibleExt(x, inner, seen, true)) {
                return false;
            }
        }
        return true;
    }

    private static boolean visibleFunc(FuncT f, java.util.function.Predicate<Object> named, Set<Object> seen) {
        for (VT p : f.params()) {
            if (!visibleVt(p, named, seen)) {
                return false;
            }
        }
        return f.result().isEmpty() || visibleVt(f.result().get(), named, seen);
    }

    private static boolean visibleVt(VT v, java.util.function.Predicate<Object> named, Set<Object> seen) {
        if (v instanceof OwnV o) {
            return named.test(o.resource());
        } else if (v instanceof BorrowV b) {
            return named.test(b.resource());
        }
        if (nominal(v) && !named.test(v)) {
            return false;
        }
        return visibleChildren(v, named, seen);
    }

    private static boolean visibleChildren(VT v, java.util.function.Predicate<Object> named, Set<Object> seen) {
        if (!seen.add(v)) {
            return true; // shared subtrees are checked once
        }
        List<VT> children = new ArrayList<>();
        if (v instanceof RecordV r) {
            children.addAll(r.types());
        } else if (v instanceof VariantV va) {
            va.types().forEach(c -> c.ifPresent(children::add));
        } else if (v instanceof ListV l) {
            children.add(l.element());
        } else if (v instanceof TupleV t) {
            children.addAll(t.types());
        } else if (v instanceof OptionV o) {
            children.add(o.type());
        } else if (v instanceof ResultV r) {
            r.ok().ifPresent(children::add);
            r.error().ifPresent(children::add);
        }
        for (VT c : children) {
            if (!visibleVt(c, named, seen)) {
                return false;
            }
        }
        return true;
    }

    /** Appends an item to the index space of its sort. */
    private static void add(Scope s, Ext e) {
        if (e instanceof ModuleE m) {
            s.coreModules.add(m.type());
        } else if (e instanceof FuncE f) {
            s.funcs.add(f.type());
        } else if (e instanceof ValueE v) {
            s.values.add(v.type());
        } else if (e instanceof TypeE t) {
            s.types.add(t.type());
        } else if (e instanceof CompE c) {
            s.components.add(c.type());
        } else if (e instanceof InstE i) {
            s.instances.add(i.type());
        }
    }

    /** The type of item {@code index} of a (non-core, or core module) sort. */
    private static Ext item(Scope s, Sort sort, long index, long at) {
        return switch (sort) {
            case CORE_MODULE -> new ModuleE(get(s.coreModules, index, "module", at));
            case FUNC -> new FuncE(get(s.funcs, index, "func", at));
            case VALUE -> new ValueE(get(s.values, index, "value", at));
            case TYPE -> new TypeE(get(s.types, index, "type", at));
            case COMPONENT -> new CompE(get(s.components, index, "component", at));
            case INSTANCE -> new InstE(get(s.instances, index, "instance", at));
            default -> throw invalid(at, "a " + sort + " cannot be exported or passed to a component");
        };
    }

    private static CoreE coreItem(Scope s, Sort sort, long index, long at) {
        return switch (sort) {
            case CORE_FUNC -> new CFunc(get(s.coreFuncs, index, "core func", at));
            case CORE_TABLE -> get(s.coreTables, index, "core table", at);
            case CORE_MEMORY -> get(s.coreMemories, index, "core memory", at);
            case CORE_GLOBAL -> get(s.coreGlobals, index, "core global", at);
            case CORE_TAG -> get(s.coreTags, index, "core tag", at);
            default -> throw invalid(at, "a " + sort + " cannot be exported from a core instance");
        };
    }

    // ---------------------------------------------------------------- names

    /**
     * Checks an import or export name: its syntax, strong uniqueness among {@code seen}, and the
     * rules of annotated names. {@code scope} is null for inline instance exports (no annotations rule).
     */
    private static void name(ExternName n, Ext type, Map<String, String> seen, Map<String, Res> resources, long at) {
        Optional<ExternNames.Parsed> parsed = ExternNames.parse(n.name());
        if (parsed.isEmpty()) {
            throw invalid(at, "`" + n.name() + "` is not a valid extern name");
        }
        Set<Integer> kinds = new HashSet<>();
        for (ExternName.Attribute a : n.attributes()) {
            if (!kinds.add(a.kind())) {
                throw invalid(at, "duplicate '" + (a.kind() == 0 ? "implements" : a.kind() == 1 ? "versionsuffix" : "external-id")
                        + "' option in name `" + n.name() + "`");
            }
            if (a.kind() == 0) {
                if (!ExternNames.isInterfaceName(a.value())) {
                    throw invalid(at, "`" + a.value() + "` is not a valid interface name for 'implements'");
                }
                if (!(type instanceof InstE) || parsed.get().kind() != ExternNames.Kind.PLAIN) {
                    throw invalid(at, "'implements' is only allowed on an instance with a plain name");
                }
            } else if (a.kind() == 1) {
                int atSign = n.name().indexOf('@');
                if (parsed.get().kind() != ExternNames.Kind.INTERFACE || atSign < 0
                        || !ai.asterai.protocol.name.Version.isValid(n.name().substring(atSign + 1) + a.value())) {
                    throw invalid(at, "version suffix `" + a.value() + "` does not complete the version of `" + n.name() + "`");
                }
            }
        }
        String canon = ExternNames.canonical(n.name());
        String previous = seen.putIfAbsent(canon, n.name());
        if (previous != null) {
            throw invalid(at, "name `" + n.name() + "` conflicts with previous name `" + previous + "`");
        }
        if (resources == null) {
            return;
        }
        ExternNames.Parsed p = parsed.get();
        if (type instanceof TypeE t && t.type() instanceof ResT r && p.kind() == ExternNames.Kind.PLAIN) {
            resources.put(p.label(), r.resource());
        }
        if (p.kind() == ExternNames.Kind.PLAIN || p.kind() == ExternNames.Kind.INTERFACE) {
            return;
        }
        if (!(type instanceof FuncE f)) {
            throw invalid(at, "`" + n.name() + "` is an annotated name, so it must name a function");
        }
        Res r = resources.get(p.resource().orElseThrow());
        if (r == null) {
            throw invalid(at, "resource `" + p.resource().get() + "` of `" + n.name() + "` is not a preceding resource import or export");
        }
        FuncT ft = f.type();
        switch (p.kind()) {
            case CONSTRUCTOR -> {
                VT result = ft.result().orElse(null);
                boolean ok = result instanceof OwnV o && o.resource() == r
                        || result instanceof ResultV rv && rv.ok().isPresent() && rv.ok().get() instanceof OwnV o2
                        && o2.resource() == r;
                if (!ok) {
                    throw invalid(at, "function `" + n.name() + "` should return `(own $T)` or `(result (own $T))` of its resource");
                }
            }
            case METHOD -> {
                if (ft.params().isEmpty() || !ft.names().get(0).equals("self")
                        || !(ft.params().get(0) instanceof BorrowV b && b.resource() == r)) {
                    throw invalid(at, "method `" + n.name() + "` should take a first parameter `self` of type `(borrow $T)`");
                }
            }
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- core

    private static CoreModuleT coreModule(CoreModuleInfo info, long at) {
        List<CoreType.Func> funcs = new ArrayList<>();
        List<CoreE> tables = new ArrayList<>();
        List<CoreE> memories = new ArrayList<>();
        List<CoreE> globals = new ArrayList<>();
        List<CImport> imports = new ArrayList<>();
        Set<String> importNames = new HashSet<>();
        for (CoreModuleInfo.Import i : info.imports()) {
            // two-level names mangle to one in a component's core instances: duplicates are ambiguous
            if (!importNames.add(i.module() + "\u0000" + i.name())) {
                throw invalid(at, "duplicate import name `" + i.module() + ":" + i.name() + "` in a core module");
            }
            CoreE e = coreExtern(info.types(), i.type(), at);
            imports.add(new CImport(i.module(), i.name(), e));
        }
        for (long t : info.functionTypes()) {
            funcs.add(get(info.types(), t, "core type", at));
        }
        info.tables().forEach(t -> tables.add(new CTable((CoreType.TableExtern) t)));
        info.memories().forEach(m -> memories.add(new CMemory((CoreType.MemoryExtern) m)));
        info.globals().forEach(g -> globals.add(new CGlobal((CoreType.GlobalExtern) g)));
        Map<String, CoreE> exports = new LinkedHashMap<>();
        for (CoreModuleInfo.Export e : info.exports()) {
            CoreE item = switch (e.kind()) {
                case 0 -> new CFunc(get(funcs, e.index(), "core func", at));
                case 1 -> get(tables, e.index(), "core table", at);
                case 2 -> get(memories, e.index(), "core memory", at);
                case 3 -> get(globals, e.index(), "core global", at);
                default -> throw invalid(at, "core module export of kind " + e.kind() + " is not supported");
            };
            if (exports.putIfAbsent(e.name(), item) != null) {
                throw invalid(at, "duplicate export name `" + e.name() + "` in a core module");
            }
        }
        return new CoreModuleT(List.copyOf(imports), Map.copyOf(exports));
    }

    /** A core extern type whose function types index {@code types}. */
    private static CoreE coreExtern(List<?> types, CoreType.CoreExtern e, long at) {
        if (e instanceof CoreType.FuncExtern f) {
            Object t = get(types, f.typeIndex(), "core type", at);
            if (!(t instanceof CoreType.Func ft)) {
                throw invalid(at, "core type " + f.typeIndex() + " is not a function type");
            }
            return new CFunc(ft);
        } else if (e instanceof CoreType.TagExtern tag) {
            Object t = get(types, tag.typeIndex(), "core type", at);
            if (!(t instanceof CoreType.Func ft)) {
                throw invalid(at, "core type " + tag.typeIndex() + " is not a function type");
            }
            return new CTag(ft);
        } else if (e instanceof CoreType.TableExtern t) {
            return new CTable(t);
        } else if (e instanceof CoreType.MemoryExtern m) {
            long pages = m.memory64() ? 1L << 48 : 1L << 16;
            if (Long.compareUnsigned(m.min(), pages) > 0 || m.max() != null && Long.compareUnsigned(m.max(), pages) > 0) {
                throw invalid(at, "memory size must be at most " + pages + " pages");
            }
            return new CMemory(m);
        }
        return new CGlobal((CoreType.GlobalExtern) e);
    }

    private Map<String, CoreE> coreInstantiate(Scope s, Definition.CoreInstantiate ci) {
        long at = ci.offset();
        CoreModuleT m = get(s.coreModules, ci.module(), "module", at);
        Map<String, Map<String, CoreE>> args = new HashMap<>();
        for (Definition.CoreInstantiateArg a : ci.args()) {
            if (args.putIfAbsent(a.name(), get(s.coreInstances, a.instance(), "core instance", at)) != null) {
                throw invalid(at, "duplicate module instantiation argument named `" + a.name() + "`");
            }
        }
        for (CImport i : m.imports()) {
            Map<String, CoreE> arg = args.get(i.module());
            if (arg == null) {
                throw invalid(at, "missing module instantiation argument named `" + i.module() + "`");
            }
            CoreE given = arg.get(i.name());
            if (given == null) {
                throw invalid(at, "module instantiation argument `" + i.module() + "` does not export an item named `" + i.name() + "`");
            }
            if (!coreSubtype(given, i.type())) {
                throw invalid(at, "type mismatch for export `" + i.name() + "` of module instantiation argument `" + i.module()
                        + "`: expected " + describe(i.type()) + ", found " + describe(given));
            }
        }
        return m.exports();
    }

    private static String describe(CoreE e) {
        return e instanceof CFunc f ? "func " + f.type() : e.sort().toString();
    }

    private static boolean coreSubtype(CoreE a, CoreE b) {
        if (a instanceof CFunc fa && b instanceof CFunc fb) {
            return fa.type().equals(fb.type());
        }
        if (a instanceof CTag ta && b instanceof CTag tb) {
            return ta.type().equals(tb.type());
        }
        if (a instanceof CMemory ma && b instanceof CMemory mb) {
            var x = ma.type();
            var y = mb.type();
            return x.memory64() == y.memory64() && x.shared() == y.shared() && limits(x.min(), x.max(), y.min(), y.max());
        }
        if (a instanceof CTable ta && b instanceof CTable tb) {
            var x = ta.type();
            var y = tb.type();
            return x.element() == y.element() && limits(x.min(), x.max(), y.min(), y.max());
        }
        if (a instanceof CGlobal ga && b instanceof CGlobal gb) {
            return ga.type().equals(gb.type());
        }
        return false;
    }

    private static boolean limits(long minA, Long maxA, long minB, Long maxB) {
        if (Long.compareUnsigned(minA, minB) < 0) {
            return false;
        }
        return maxB == null || maxA != null && Long.compareUnsigned(maxA, maxB) <= 0;
    }

    private Object coreType(Scope s, CoreType t, long at) {
        if (t instanceof CoreType.Func f) {
            return f;
        }
        CoreType.Module m = (CoreType.Module) t;
        List<Object> types = new ArrayList<>();
        List<CImport> imports = new ArrayList<>();
        Set<String> importNames = new HashSet<>();
        Map<String, CoreE> exports = new LinkedHashMap<>();
        for (CoreType.ModuleDecl d : m.decls()) {
            if (d instanceof CoreType.ImportDecl i) {
                if (!importNames.add(i.module() + "\u0000" + i.name())) {
                    throw invalid(at, "duplicate import name `" + i.module() + "::" + i.name() + "`");
                }
                imports.add(new CImport(i.module(), i.name(), coreExtern(types, i.type(), at)));
            } else if (d instanceof CoreType.TypeDecl td) {
                if (!(td.type() instanceof CoreType.Func f)) {
                    throw invalid(at, "a module type cannot define another module type");
                }
                types.add(f);
            } else if (d instanceof CoreType.OuterAliasDecl a) {
                if (a.count() != 1) {
                    throw invalid(at, "invalid outer alias count of " + a.count() + " in a module type");
                }
                Object target = get(s.coreTypes, a.index(), "core type", at);
                if (!(target instanceof CoreType.Func)) {
                    throw invalid(at, "a module type cannot alias a module type");
                }
                types.add(target);
            } else if (d instanceof CoreType.ExportDecl e) {
                if (exports.putIfAbsent(e.name(), coreExtern(types, e.type(), at)) != null) {
                    throw invalid(at, "duplicate export name `" + e.name() + "`");
                }
            }
        }
        return new CoreModuleT(List.copyOf(imports), Map.copyOf(exports));
    }

    // ---------------------------------------------------------------- instantiation

    private InstT instantiate(Scope s, Definition.Instantiate i) {
        long at = i.offset();
        CompT c = get(s.components, i.component(), "component", at);
        Map<String, Ext> args = new HashMap<>();
        for (Definition.InstantiateArg a : i.args()) {
            Ext e = item(s, a.sort(), a.index(), at);
            if (args.putIfAbsent(a.name(), e) != null) {
                throw invalid(at, "instantiation argument `" + a.name() + "` conflicts with previous argument `" + a.name() + "`");
            }
        }
        IdentityHashMap<Res, Res> map = new IdentityHashMap<>();
        IdentityHashMap<Object, Object> memo = new IdentityHashMap<>();
        for (Map.Entry<String, Ext> imp : c.imports().entrySet()) {
            Ext given = args.get(imp.getKey());
            if (given == null) {
                throw invalid(at, "missing import named `" + imp.getKey() + "`");
            }
            if (!subtype(given, imp.getValue(), map)) {
                throw invalid(at, "type mismatch for component instantiation argument `" + imp.getKey() + "`");
            }
            // a value type import is replaced by the argument's type in what the instance exports
            if (imp.getValue() instanceof TypeE ti && ti.type() instanceof ValT vi && given instanceof TypeE tg
                    && tg.type() instanceof ValT vg) {
                memo.put(vi.type(), vg.type());
            }
        }
        // exports: imported resources substituted by the arguments', exported ones fresh per instance
        Map<String, Ext> exports = new LinkedHashMap<>();
        for (Map.Entry<String, Ext> e : c.exports().entrySet()) {
            exports.put(e.getKey(), substExt(e.getValue(), map, FRESH_ALL, memo));
        }
        return instT(exports, at);
    }

    /**
     * Is {@code a} usable where {@code b} is expected? Abstract resources of {@code b} not yet in
     * {@code map} are bound to {@code a}'s (that is how a type import is supplied).
     */
    private static boolean subtype(Ext a, Ext b, IdentityHashMap<Res, Res> map) {
        if (a.sort() != b.sort()) {
            return false;
        }
        if (a instanceof ModuleE ma && b instanceof ModuleE mb) {
            Map<String, CoreE> expected = new HashMap<>(); // imports by two-level name: no quadratic scan
            for (CImport j : mb.type().imports()) {
                expected.putIfAbsent(j.module() + "\u0000" + j.name(), j.type());
            }
            for (CImport i : ma.type().imports()) {
                CoreE j = expected.get(i.module() + "\u0000" + i.name());
                if (j == null || !coreSubtype(j, i.type())) {
                    return false;
                }
            }
            for (Map.Entry<String, CoreE> e : mb.type().exports().entrySet()) {
                CoreE x = ma.type().exports().get(e.getKey());
                if (x == null || !coreSubtype(x, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof FuncE fa && b instanceof FuncE fb) {
            return funcEq(fa.type(), fb.type(), map);
        }
        if (a instanceof ValueE va && b instanceof ValueE vb) {
            return vtEq(va.type(), vb.type(), map);
        }
        if (a instanceof TypeE ta && b instanceof TypeE tb) {
            return typeEq(ta.type(), tb.type(), map);
        }
        if (a instanceof InstE ia && b instanceof InstE ib) {
            for (Map.Entry<String, Ext> e : ib.type().exports().entrySet()) {
                Ext x = ia.type().exports().get(e.getKey());
                if (x == null || !subtype(x, e.getValue(), map)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof CompE ca && b instanceof CompE cb) {
            for (Map.Entry<String, Ext> e : ca.type().imports().entrySet()) {
                Ext x = cb.type().imports().get(e.getKey());
                if (x == null || !subtype(x, e.getValue(), map)) {
                    return false;
                }
            }
            for (Map.Entry<String, Ext> e : cb.type().exports().entrySet()) {
                Ext x = ca.type().exports().get(e.getKey());
                if (x == null || !subtype(x, e.getValue(), map)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean typeEq(T a, T b, IdentityHashMap<Res, Res> map) {
        if (a instanceof ResT ra && b instanceof ResT rb) {
            return resEq(ra.resource(), rb.resource(), map);
        }
        if (a instanceof ValT va && b instanceof ValT vb) {
            return vtEq(va.type(), vb.type(), map);
        }
        if (a instanceof FuncT fa && b instanceof FuncT fb) {
            return funcEq(fa, fb, map);
        }
        if (a instanceof InstT ia && b instanceof InstT ib) {
            return subtype(new InstE(ia), new InstE(ib), map) && subtype(new InstE(ib), new InstE(ia), map);
        }
        if (a instanceof CompT ca && b instanceof CompT cb) {
            return subtype(new CompE(ca), new CompE(cb), map) && subtype(new CompE(cb), new CompE(ca), map);
        }
        return false;
    }

    /** Resource {@code a} where {@code b} is expected: equal, or {@code b} abstract and bound to it now. */
    private static boolean resEq(Res a, Res b, IdentityHashMap<Res, Res> map) {
        if (a == b) {
            return true;
        }
        Res ra = a.root();
        Res rb = b.root();
        if (ra == rb) {
            return true;
        }
        Res bound = map.get(rb);
        if (bound != null) {
            return bound == ra;
        }
        if (!rb.local) {
            map.put(rb, ra);
            return true;
        }
        return false;
    }

    private static boolean funcEq(FuncT a, FuncT b, IdentityHashMap<Res, Res> map) {
        if (!a.names().equals(b.names()) || a.params().size() != b.params().size()
                || a.result().isPresent() != b.result().isPresent()) {
            return false;
        }
        for (int i = 0; i < a.params().size(); i++) {
            if (!vtEq(a.params().get(i), b.params().get(i), map)) {
                return false;
            }
        }
        return a.result().isEmpty() || vtEq(a.result().get(), b.result().get(), map);
    }

    private static boolean vtEq(VT a, VT b, IdentityHashMap<Res, Res> map) {
        if (a == b) {
            return true;
        }
        if (a instanceof OwnV oa && b instanceof OwnV ob) {
            return resEq(oa.resource(), ob.resource(), map);
        }
        if (a instanceof BorrowV ba && b instanceof BorrowV bb) {
            return resEq(ba.resource(), bb.resource(), map);
        }
        if (a instanceof RecordV ra && b instanceof RecordV rb) {
            return ra.labels().equals(rb.labels()) && allEq(ra.types(), rb.types(), map);
        }
        if (a instanceof VariantV va && b instanceof VariantV vb) {
            if (!va.labels().equals(vb.labels())) {
                return false;
            }
            for (int i = 0; i < va.types().size(); i++) {
                if (!optEq(va.types().get(i), vb.types().get(i), map)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ListV la && b instanceof ListV lb) {
            return la.length() == lb.length() && vtEq(la.element(), lb.element(), map);
        }
        if (a instanceof TupleV ta && b instanceof TupleV tb) {
            return allEq(ta.types(), tb.types(), map);
        }
        if (a instanceof OptionV oa && b instanceof OptionV ob) {
            return vtEq(oa.type(), ob.type(), map);
        }
        if (a instanceof ResultV ra && b instanceof ResultV rb) {
            return optEq(ra.ok(), rb.ok(), map) && optEq(ra.error(), rb.error(), map);
        }
        return a.equals(b); // primitives, flags, enums: no resources inside
    }

    private static boolean optEq(Optional<VT> a, Optional<VT> b, IdentityHashMap<Res, Res> map) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || vtEq(a.get(), b.get(), map));
    }

    private static boolean allEq(List<VT> a, List<VT> b, IdentityHashMap<Res, Res> map) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!vtEq(a.get(i), b.get(i), map)) {
                return false;
            }
        }
        return true;
    }

    /** Substitutes resources; with {@code fresh}, abstract resources not in the map get new identities. */
    private static Ext substExt(Ext e, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        if (map.isEmpty() && fresh == FRESH_NONE) {
            return e;
        }
        if (e instanceof FuncE f) {
            return new FuncE(substFunc(f.type(), map, fresh, memo));
        } else if (e instanceof ValueE v) {
            return new ValueE(substVt(v.type(), map, fresh, memo));
        } else if (e instanceof TypeE t) {
            return new TypeE(substT(t.type(), map, fresh, memo));
        } else if (e instanceof InstE i) {
            Map<String, Ext> ex = new LinkedHashMap<>();
            i.type().exports().forEach((k, v) -> ex.put(k, substExt(v, map, fresh, memo)));
            return new InstE(new InstT(ordered(ex), i.type().size()));
        }
        return e; // modules hold no resources; component types keep their own
    }

    private static T substT(T t, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        if (t instanceof ResT r) {
            return new ResT(substRes(r.resource(), map, fresh, memo));
        } else if (t instanceof ValT v) {
            return new ValT(substVt(v.type(), map, fresh, memo));
        } else if (t instanceof FuncT f) {
            return substFunc(f, map, fresh, memo);
        } else if (t instanceof InstT i) {
            return ((InstE) substExt(new InstE(i), map, fresh, memo)).type();
        }
        return t;
    }

    /** A resource after instantiation: the argument bound to it, or (generative) a fresh one. */
    private static Res substRes(Res r, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        Res m = map.get(r.root());
        if (m != null) {
            return m;
        }
        if (fresh == FRESH_ALL || fresh == FRESH_DECLARED && r.inType) {
            Res n = new Res(false, r.owner, false, r.label);
            map.put(r.root(), n);
            return n;
        }
        return r;
    }

    private static FuncT substFunc(FuncT f, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        List<VT> params = new ArrayList<>();
        f.params().forEach(p -> params.add(substVt(p, map, fresh, memo)));
        return new FuncT(f.names(), List.copyOf(params), f.result().map(r -> substVt(r, map, fresh, memo)), f.size());
    }

    private static VT substVt(VT v, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        Object done = memo.get(v);
        if (done != null) {
            return (VT) done; // shared nodes stay shared: identity is how names are recognised
        }
        VT out = substVtOnce(v, map, fresh, memo);
        memo.put(v, out);
        return out;
    }

    /**
     * A node with no resource changed below it stays the same object: a record or variant an instance
     * type takes from outside (an outer alias of another import's type) keeps the identity under which
     * that import named it (wasi:http/outgoing-handler's error-code, whose payload records
     * wasi:http/types names).
     */
    private static VT substVtOnce(VT v, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        VT out = substVtNew(v, map, fresh, memo);
        return same(v, out) ? v : out;
    }

    private static boolean same(VT a, VT b) {
        if (a == b) {
            return true;
        }
        if (a instanceof OwnV x && b instanceof OwnV y) {
            return x.resource() == y.resource();
        } else if (a instanceof BorrowV x && b instanceof BorrowV y) {
            return x.resource() == y.resource();
        } else if (a instanceof RecordV x && b instanceof RecordV y) {
            return sameAll(x.types(), y.types());
        } else if (a instanceof VariantV x && b instanceof VariantV y) {
            for (int i = 0; i < x.types().size(); i++) {
                if (x.types().get(i).orElse(null) != y.types().get(i).orElse(null)) {
                    return false;
                }
            }
            return true;
        } else if (a instanceof ListV x && b instanceof ListV y) {
            return x.element() == y.element();
        } else if (a instanceof TupleV x && b instanceof TupleV y) {
            return sameAll(x.types(), y.types());
        } else if (a instanceof OptionV x && b instanceof OptionV y) {
            return x.type() == y.type();
        } else if (a instanceof ResultV x && b instanceof ResultV y) {
            return x.ok().orElse(null) == y.ok().orElse(null) && x.error().orElse(null) == y.error().orElse(null);
        }
        return false;
    }

    private static boolean sameAll(List<VT> a, List<VT> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static VT substVtNew(VT v, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        if (v instanceof OwnV o) {
            return new OwnV(substRes(o.resource(), map, fresh, memo));
        } else if (v instanceof BorrowV b) {
            return new BorrowV(substRes(b.resource(), map, fresh, memo));
        } else if (v instanceof RecordV r) {
            return new RecordV(r.labels(), substAll(r.types(), map, fresh, memo), r.size());
        } else if (v instanceof VariantV va) {
            List<Optional<VT>> cases = new ArrayList<>();
            va.types().forEach(c -> cases.add(c.map(x -> substVt(x, map, fresh, memo))));
            return new VariantV(va.labels(), List.copyOf(cases), va.size());
        } else if (v instanceof ListV l) {
            return new ListV(substVt(l.element(), map, fresh, memo), l.length(), l.size());
        } else if (v instanceof TupleV t) {
            return new TupleV(substAll(t.types(), map, fresh, memo), t.size());
        } else if (v instanceof OptionV o) {
            return new OptionV(substVt(o.type(), map, fresh, memo), o.size());
        } else if (v instanceof ResultV r) {
            return new ResultV(r.ok().map(x -> substVt(x, map, fresh, memo)), r.error().map(x -> substVt(x, map, fresh, memo)), r.size());
        }
        return v;
    }

    private static List<VT> substAll(List<VT> types, IdentityHashMap<Res, Res> map, int fresh, IdentityHashMap<Object, Object> memo) {
        List<VT> out = new ArrayList<>(types.size());
        types.forEach(t -> out.add(substVt(t, map, fresh, memo)));
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- aliases

    private void alias(Scope s, Alias a, long at) {
        if (a instanceof Alias.InstanceExport e) {
            InstT inst = get(s.instances, e.instance(), "instance", at);
            Ext x = inst.exports().get(e.name());
            if (x == null) {
                throw invalid(at, "instance " + e.instance() + " has no export named `" + e.name() + "`");
            }
            if (x.sort() != e.sort()) {
                throw invalid(at, "export `" + e.name() + "` of instance " + e.instance() + " is a " + x.sort() + ", not a " + e.sort());
            }
            if (s.kind != Kind.COMPONENT && e.sort() != Sort.TYPE && e.sort() != Sort.INSTANCE) {
                throw invalid(at, "export aliases in a type may only alias types and instances");
            }
            add(s, x);
        } else if (a instanceof Alias.CoreInstanceExport e) {
            if (s.kind != Kind.COMPONENT) {
                throw invalid(at, "core export aliases are not allowed in a type");
            }
            Map<String, CoreE> inst = get(s.coreInstances, e.coreInstance(), "core instance", at);
            CoreE x = inst.get(e.name());
            if (x == null) {
                throw invalid(at, "core instance " + e.coreInstance() + " has no export named `" + e.name() + "`");
            }
            if (x.sort() != e.sort()) {
                throw invalid(at, "export `" + e.name() + "` of core instance " + e.coreInstance() + " is a " + x.sort() + ", not a " + e.sort());
            }
            switch (x.sort()) {
                case CORE_FUNC -> s.coreFuncs.add(((CFunc) x).type());
                case CORE_TABLE -> s.coreTables.add(x);
                case CORE_MEMORY -> s.coreMemories.add(x);
                case CORE_GLOBAL -> s.coreGlobals.add(x);
                case CORE_TAG -> s.coreTags.add(x);
                default -> throw invalid(at, "cannot alias a " + x.sort());
            }
        } else {
            Alias.Outer o = (Alias.Outer) a;
            Sort sort = o.sort();
            boolean allowed = s.kind == Kind.COMPONENT
                    ? sort == Sort.TYPE || sort == Sort.CORE_TYPE || sort == Sort.CORE_MODULE || sort == Sort.COMPONENT
                    : sort == Sort.TYPE || sort == Sort.CORE_TYPE;
            if (!allowed) {
                throw invalid(at, "outer aliases of a " + sort + " are not allowed" + (s.kind == Kind.COMPONENT ? "" : " in a type"));
            }
            Scope target = s;
            boolean crossesComponent = false;
            for (long i = 0; i < o.count(); i++) {
                if (target.kind == Kind.COMPONENT) {
                    crossesComponent = true;
                }
                target = target.parent;
                if (target == null) {
                    throw invalid(at, "invalid outer alias count of " + o.count());
                }
            }
            switch (sort) {
                case TYPE -> {
                    T t = get(target.types, o.index(), "type", at);
                    if (crossesComponent && refersToResource(t)) {
                        throw invalid(at, "refers to resources not defined in the current component");
                    }
                    s.types.add(t);
                }
                case CORE_TYPE -> s.coreTypes.add(get(target.coreTypes, o.index(), "core type", at));
                case CORE_MODULE -> s.coreModules.add(get(target.coreModules, o.index(), "module", at));
                default -> s.components.add(get(target.components, o.index(), "component", at));
            }
        }
    }

    /** Does a type mention a resource other than those a component or instance type declares itself? */
    private static boolean refersToResource(T t) {
        if (t instanceof ResT r) {
            return !r.resource().inType;
        } else if (t instanceof ValT v) {
            return anyNode(v.type(), x -> x instanceof OwnV o && !o.resource().inType || x instanceof BorrowV b && !b.resource().inType);
        } else if (t instanceof FuncT f) {
            return f.params().stream().anyMatch(p -> refersToResource(new ValT(p)))
                    || f.result().map(r -> refersToResource(new ValT(r))).orElse(false);
        } else if (t instanceof InstT i) {
            return i.exports().values().stream().anyMatch(ComponentValidator::refersToResource);
        } else if (t instanceof CompT c) {
            return c.imports().values().stream().anyMatch(ComponentValidator::refersToResource)
                    || c.exports().values().stream().anyMatch(ComponentValidator::refersToResource);
        }
        return false;
    }

    private static boolean refersToResource(Ext e) {
        if (e instanceof TypeE t) {
            return refersToResource(t.type());
        } else if (e instanceof FuncE f) {
            return refersToResource(f.type());
        } else if (e instanceof ValueE v) {
            return refersToResource(new ValT(v.type()));
        } else if (e instanceof InstE i) {
            return refersToResource(i.type());
        } else if (e instanceof CompE c) {
            return refersToResource(c.type());
        }
        return false;
    }

    private static boolean hasHandle(VT v) {
        return anyNode(v, x -> x instanceof OwnV || x instanceof BorrowV);
    }

    private static boolean hasBorrow(VT v) {
        return anyNode(v, x -> x instanceof BorrowV);
    }

    private static boolean hasStringOrList(VT v) {
        return anyNode(v, x -> x instanceof Prim p && p.p() == ComponentType.Primitive.STRING
                || x instanceof ListV l && l.length() < 0);
    }

    private static boolean anyNode(VT v, java.util.function.Predicate<VT> p) {
        if (p.test(v)) {
            return true;
        }
        if (v instanceof RecordV r) {
            return r.types().stream().anyMatch(t -> anyNode(t, p));
        } else if (v instanceof VariantV va) {
            return va.types().stream().anyMatch(t -> t.isPresent() && anyNode(t.get(), p));
        } else if (v instanceof ListV l) {
            return anyNode(l.element(), p);
        } else if (v instanceof TupleV t) {
            return t.types().stream().anyMatch(x -> anyNode(x, p));
        } else if (v instanceof OptionV o) {
            return anyNode(o.type(), p);
        } else if (v instanceof ResultV r) {
            return r.ok().map(x -> anyNode(x, p)).orElse(false) || r.error().map(x -> anyNode(x, p)).orElse(false);
        }
        return false;
    }

    private static boolean containsBorrow(Ext e) {
        if (e instanceof ValueE v) {
            return hasBorrow(v.type());
        } else if (e instanceof TypeE t && t.type() instanceof ValT v) {
            return hasBorrow(v.type());
        }
        return false;
    }

    // ---------------------------------------------------------------- types

    private T type(Scope s, ComponentType t, long at) {
        if (t instanceof ComponentType.DefValType d) {
            return new ValT(defValType(s, d, at));
        } else if (t instanceof ComponentType.Func f) {
            return funcType(s, f, at);
        } else if (t instanceof ComponentType.Resource r) {
            if (s.kind != Kind.COMPONENT) {
                throw invalid(at, "resources can only be defined within a concrete component");
            }
            if (r.destructor().isPresent()) {
                CoreType.Func dtor = get(s.coreFuncs, r.destructor().get(), "core func", at);
                if (!dtor.equals(new CoreType.Func(List.of(CoreType.ValType.I32), List.of()))) {
                    throw invalid(at, "wrong signature for a destructor: expected (func (param i32)), found " + dtor);
                }
            }
            return new ResT(new Res(true, s, false, null));
        } else if (t instanceof ComponentType.ComponentTypeDef c) {
            Scope inner = new Scope(s, Kind.COMPONENT_TYPE);
            decls(inner, c.decls());
            return compT(inner.imports, inner.exports, at);
        } else {
            Scope inner = new Scope(s, Kind.INSTANCE_TYPE);
            decls(inner, ((ComponentType.InstanceTypeDef) t).decls());
            return instT(inner.exports, at);
        }
    }

    private void decls(Scope s, List<ComponentType.Decl> decls) {
        for (ComponentType.Decl d : decls) {
            long at = d.offset();
            if (d instanceof ComponentType.CoreTypeDecl c) {
                s.coreTypes.add(coreType(s, c.type(), at));
            } else if (d instanceof ComponentType.TypeDecl t) {
                s.types.add(type(s, t.type(), at));
            } else if (d instanceof ComponentType.AliasDecl a) {
                alias(s, a.alias(), at);
            } else if (d instanceof ComponentType.ImportDecl i) {
                importItem(s, i.name(), externType(s, i.type(), at, i.name().name()), at);
            } else if (d instanceof ComponentType.ExportDecl x) {
                exportItem(s, x.name(), externType(s, x.type(), at, x.name().name()), at);
            }
        }
    }

    private Ext externType(Scope s, ExternType t, long at, String name) {
        if (t instanceof ExternType.CoreModule m) {
            Object ct = get(s.coreTypes, m.coreTypeIndex(), "core type", at);
            if (!(ct instanceof CoreModuleT mt)) {
                throw invalid(at, "core type index " + m.coreTypeIndex() + " is not a module type");
            }
            return new ModuleE(mt);
        } else if (t instanceof ExternType.Func f) {
            T ft = get(s.types, f.typeIndex(), "type", at);
            if (!(ft instanceof FuncT fn)) {
                throw invalid(at, "type index " + f.typeIndex() + " is not a function type");
            }
            return new FuncE(fn);
        } else if (t instanceof ExternType.Value v) {
            if (v.type() != null) {
                return new ValueE(valType(s, v.type(), at));
            }
            return new ValueE(get(s.values, v.eqValue(), "value", at));
        } else if (t instanceof ExternType.TypeEq e) {
            T target = get(s.types, e.typeIndex(), "type", at);
            return new TypeE(target);
        } else if (t instanceof ExternType.TypeSubResource) {
            return new TypeE(new ResT(new Res(false, s, s.kind != Kind.COMPONENT, name)));
        } else if (t instanceof ExternType.Component c) {
            T ct = get(s.types, c.typeIndex(), "type", at);
            if (!(ct instanceof CompT comp)) {
                throw invalid(at, "type index " + c.typeIndex() + " is not a component type");
            }
            return new CompE(comp);
        } else {
            ExternType.Instance i = (ExternType.Instance) t;
            T it = get(s.types, i.typeIndex(), "type", at);
            if (!(it instanceof InstT inst)) {
                throw invalid(at, "type index " + i.typeIndex() + " is not an instance type");
            }
            // a fresh identity for each abstract resource the instance type declares
            return substExt(new InstE(inst), new IdentityHashMap<>(), FRESH_DECLARED, new IdentityHashMap<>());
        }
    }

    private FuncT funcType(Scope s, ComponentType.Func f, long at) {
        List<String> names = new ArrayList<>();
        List<VT> params = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long size = 1;
        for (ComponentType.Param p : f.params()) {
            label(p.label(), seen, "function parameter", at);
            names.add(p.label());
            VT v = valType(s, p.type(), at);
            params.add(v);
            size += v.size();
        }
        Optional<VT> result = Optional.empty();
        if (f.result().isPresent()) {
            VT r = valType(s, f.result().get(), at);
            if (hasBorrow(r)) {
                throw invalid(at, "function result cannot contain a `borrow` type");
            }
            size += r.size();
            result = Optional.of(r);
        }
        return new FuncT(List.copyOf(names), List.copyOf(params), result, checkSize(size, at));
    }

    private static void label(String label, Set<String> seen, String what, long at) {
        if (!ExternNames.isLabel(label)) {
            throw invalid(at, what + " name `" + label + "` is not in kebab case");
        }
        if (!seen.add(label.toLowerCase(java.util.Locale.ROOT))) {
            throw invalid(at, what + " name `" + label + "` conflicts with a previous name");
        }
    }

    private VT valType(Scope s, ComponentType.ValType v, long at) {
        if (v instanceof ComponentType.Primitive p) {
            return new Prim(p);
        }
        long index = ((ComponentType.TypeIndex) v).index();
        T t = get(s.types, index, "type", at);
        if (!(t instanceof ValT vt)) {
            throw invalid(at, "type index " + index + " is not a defined value type");
        }
        return vt.type();
    }

    private VT defValType(Scope s, ComponentType.DefValType d, long at) {
        VT v = defValTypeUnchecked(s, d, at);
        if (sizeAlign(v)[0] >= MAX_ELEM_SIZE) {
            throw invalid(at, "type exceeds maximum byte size (" + MAX_ELEM_SIZE + " bytes in memory, 64-bit pointers)");
        }
        return v;
    }

    /** The canonical ABI's bound on a value type's size in memory ({@code elem_size(t, i64) < 2^28}). */
    static final long MAX_ELEM_SIZE = 1L << 28;

    private final IdentityHashMap<VT, long[]> layouts = new IdentityHashMap<>();

    /**
     * {@code {elem_size(t, i64), alignment(t, i64)}} (CanonicalABI.md, "Element Size"), memoized by
     * identity. Every type a compound type refers to was checked against the bound when it was
     * defined, so the products here stay far from overflowing a long.
     */
    private long[] sizeAlign(VT v) {
        long[] known = layouts.get(v);
        if (known != null) {
            return known;
        }
        long[] r;
        if (v instanceof Prim p) {
            r = switch (p.p()) {
                case BOOL, S8, U8 -> new long[] {1, 1};
                case S16, U16 -> new long[] {2, 2};
                case S64, U64, F64 -> new long[] {8, 8};
                case STRING -> new long[] {16, 8};
                default -> new long[] {4, 4};
            };
        } else if (v instanceof OwnV || v instanceof BorrowV) {
            r = new long[] {4, 4};
        } else if (v instanceof ListV l) {
            long[] e = sizeAlign(l.element());
            r = l.length() < 0 ? new long[] {16, 8} : new long[] {e[0] * l.length(), e[1]};
        } else if (v instanceof RecordV rec) {
            r = fields(rec.types());
        } else if (v instanceof TupleV t) {
            r = fields(t.types());
        } else if (v instanceof FlagsV f) {
            int n = f.labels().size();
            r = n <= 8 ? new long[] {1, 1} : n <= 16 ? new long[] {2, 2} : new long[] {4L * ((n + 31) / 32), 4};
        } else if (v instanceof EnumV e) {
            long d = discriminant(e.labels().size());
            r = new long[] {d, d};
        } else if (v instanceof VariantV va) {
            r = cases(va.types());
        } else if (v instanceof OptionV o) {
            r = cases(List.of(Optional.empty(), Optional.of(o.type())));
        } else {
            ResultV res = (ResultV) v;
            r = cases(List.of(res.ok(), res.error()));
        }
        layouts.put(v, r);
        return r;
    }

    private long[] fields(List<VT> types) {
        long size = 0;
        long align = 1;
        for (VT t : types) {
            long[] f = sizeAlign(t);
            size = alignTo(size, f[1]) + f[0];
            align = Math.max(align, f[1]);
        }
        return new long[] {alignTo(size, align), align};
    }

    private long[] cases(List<Optional<VT>> cases) {
        long d = discriminant(cases.size());
        long caseSize = 0;
        long caseAlign = 1;
        for (Optional<VT> c : cases) {
            if (c.isPresent()) {
                long[] f = sizeAlign(c.get());
                caseSize = Math.max(caseSize, f[0]);
                caseAlign = Math.max(caseAlign, f[1]);
            }
        }
        long align = Math.max(d, caseAlign);
        return new long[] {alignTo(alignTo(d, caseAlign) + caseSize, align), align};
    }

    private static long discriminant(int cases) {
        return cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
    }

    private static long alignTo(long n, long align) {
        return (n + align - 1) / align * align;
    }

    private VT defValTypeUnchecked(Scope s, ComponentType.DefValType d, long at) {
        if (d instanceof ComponentType.Primitive p) {
            return new Prim(p);
        } else if (d instanceof ComponentType.Record r) {
            if (r.fields().isEmpty()) {
                throw invalid(at, "record type must have at least one field");
            }
            Set<String> seen = new HashSet<>();
            List<String> labels = new ArrayList<>();
            List<VT> types = new ArrayList<>();
            long size = 1;
            for (ComponentType.Field f : r.fields()) {
                label(f.label(), seen, "record field", at);
                labels.add(f.label());
                VT t = valType(s, f.type(), at);
                types.add(t);
                size += t.size();
            }
            return new RecordV(List.copyOf(labels), List.copyOf(types), checkSize(size, at));
        } else if (d instanceof ComponentType.Variant v) {
            if (v.cases().isEmpty()) {
                throw invalid(at, "variant type must have at least one case");
            }
            Set<String> seen = new HashSet<>();
            List<String> labels = new ArrayList<>();
            List<Optional<VT>> types = new ArrayList<>();
            long size = 1;
            for (ComponentType.Case c : v.cases()) {
                label(c.label(), seen, "variant case", at);
                labels.add(c.label());
                Optional<VT> t = c.type().map(x -> valType(s, x, at));
                size += t.map(VT::size).orElse(0);
                types.add(t);
            }
            return new VariantV(List.copyOf(labels), List.copyOf(types), checkSize(size, at));
        } else if (d instanceof ComponentType.ListType l) {
            VT e = valType(s, l.element(), at);
            long length = -1;
            if (l.length().isPresent()) {
                length = l.length().get();
                if (length == 0) {
                    throw invalid(at, "fixed size list must have more than zero elements");
                }
            }
            return new ListV(e, length, checkSize(1L + e.size(), at));
        } else if (d instanceof ComponentType.Tuple t) {
            if (t.types().isEmpty()) {
                throw invalid(at, "tuple type must have at least one type");
            }
            List<VT> types = new ArrayList<>();
            long size = 1;
            for (ComponentType.ValType x : t.types()) {
                VT v = valType(s, x, at);
                types.add(v);
                size += v.size();
            }
            return new TupleV(List.copyOf(types), checkSize(size, at));
        } else if (d instanceof ComponentType.Flags f) {
            if (f.labels().isEmpty()) {
                throw invalid(at, "flags must have at least one entry");
            }
            if (f.labels().size() > 32) {
                throw invalid(at, "cannot have more than 32 flags");
            }
            Set<String> seen = new HashSet<>();
            f.labels().forEach(l -> label(l, seen, "flag", at));
            return new FlagsV(f.labels(), 1);
        } else if (d instanceof ComponentType.Enum e) {
            if (e.labels().isEmpty()) {
                throw invalid(at, "enum type must have at least one variant");
            }
            Set<String> seen = new HashSet<>();
            e.labels().forEach(l -> label(l, seen, "enum tag", at));
            return new EnumV(e.labels(), 1);
        } else if (d instanceof ComponentType.OptionType o) {
            VT t = valType(s, o.type(), at);
            return new OptionV(t, checkSize(1L + t.size(), at));
        } else if (d instanceof ComponentType.Result r) {
            Optional<VT> ok = r.ok().map(x -> valType(s, x, at));
            Optional<VT> err = r.error().map(x -> valType(s, x, at));
            return new ResultV(ok, err, checkSize(1L + ok.map(VT::size).orElse(0) + err.map(VT::size).orElse(0), at));
        } else if (d instanceof ComponentType.Own o) {
            return new OwnV(resourceAt(s, o.resource(), at));
        } else {
            return new BorrowV(resourceAt(s, ((ComponentType.Borrow) d).resource(), at));
        }
    }

    private static Res resourceAt(Scope s, long index, long at) {
        T t = get(s.types, index, "type", at);
        if (!(t instanceof ResT r)) {
            throw invalid(at, "type index " + index + " is not a resource type");
        }
        return r.resource();
    }

    private static void localResource(Scope s, long index, String what, long at) {
        Res r = resourceAt(s, index, at);
        if (!r.local || r.owner != s) { // local and owner are the same for every name of a resource
            throw invalid(at, what + ": type index " + index + " is not a local resource");
        }
    }

    // ---------------------------------------------------------------- canon

    private FuncT lift(Scope s, Definition.CanonLift l) {
        long at = l.offset();
        CoreType.Func core = get(s.coreFuncs, l.coreFunc(), "core func", at);
        T t = get(s.types, l.typeIndex(), "type", at);
        if (!(t instanceof FuncT ft)) {
            throw invalid(at, "type index " + l.typeIndex() + " is not a function type");
        }
        options(s, l.options(), at);
        List<CoreType.ValType> params = flattenAll(ft.params());
        List<CoreType.ValType> results = ft.result().map(ComponentValidator::flatten).orElse(List.of());
        boolean paramsInMemory = params.size() > MAX_FLAT_PARAMS;
        boolean resultInMemory = results.size() > MAX_FLAT_RESULTS;
        boolean needRealloc = paramsInMemory || ft.params().stream().anyMatch(ComponentValidator::hasStringOrList);
        boolean needMemory = needRealloc || resultInMemory || ft.result().map(ComponentValidator::hasStringOrList).orElse(false);
        require(l.options(), needMemory, needRealloc, at);
        CoreType.Func expected = new CoreType.Func(paramsInMemory ? List.of(CoreType.ValType.I32) : params,
                resultInMemory ? List.of(CoreType.ValType.I32) : results);
        if (!core.equals(expected)) {
            throw invalid(at, "lowered function type mismatch: canon lift expects " + expected + ", found " + core);
        }
        if (l.options().postReturn().isPresent()) {
            CoreType.Func post = get(s.coreFuncs, l.options().postReturn().get(), "core func", at);
            CoreType.Func want = new CoreType.Func(expected.results(), List.of());
            if (!post.equals(want)) {
                throw invalid(at, "post-return function type mismatch: expected " + want + ", found " + post);
            }
        }
        return ft;
    }

    private CoreType.Func lower(Scope s, Definition.CanonLower l) {
        long at = l.offset();
        FuncT ft = get(s.funcs, l.func(), "func", at);
        if (l.options().postReturn().isPresent()) {
            throw invalid(at, "canonical option `post-return` cannot be specified for lowerings");
        }
        options(s, l.options(), at);
        List<CoreType.ValType> params = flattenAll(ft.params());
        List<CoreType.ValType> results = ft.result().map(ComponentValidator::flatten).orElse(List.of());
        boolean paramsInMemory = params.size() > MAX_FLAT_PARAMS;
        boolean resultInMemory = results.size() > MAX_FLAT_RESULTS;
        boolean needRealloc = ft.result().map(ComponentValidator::hasStringOrList).orElse(false);
        boolean needMemory = needRealloc || paramsInMemory || resultInMemory
                || ft.params().stream().anyMatch(ComponentValidator::hasStringOrList);
        require(l.options(), needMemory, needRealloc, at);
        List<CoreType.ValType> coreParams = new ArrayList<>(paramsInMemory ? List.of(CoreType.ValType.I32) : params);
        if (resultInMemory) {
            coreParams.add(CoreType.ValType.I32);
        }
        return new CoreType.Func(coreParams, resultInMemory ? List.of() : results);
    }

    private static void options(Scope s, Definition.CanonOptions o, long at) {
        if (o.memory().isPresent()) {
            CoreE m = get(s.coreMemories, o.memory().get(), "core memory", at);
            if (m instanceof CMemory mem && mem.type().memory64()) {
                throw invalid(at, "canonical option `memory` must be a 32-bit memory");
            }
        }
        if (o.realloc().isPresent()) {
            CoreType.Func r = get(s.coreFuncs, o.realloc().get(), "core func", at);
            CoreType.ValType i32 = CoreType.ValType.I32;
            if (!r.equals(new CoreType.Func(List.of(i32, i32, i32, i32), List.of(i32)))) {
                throw invalid(at, "canonical option `realloc` uses a core function with an incorrect signature: " + r);
            }
            if (o.memory().isEmpty()) {
                throw invalid(at, "canonical option `realloc` requires `memory`");
            }
        }
    }

    private static void require(Definition.CanonOptions o, boolean memory, boolean realloc, long at) {
        if (memory && o.memory().isEmpty()) {
            throw invalid(at, "canonical option `memory` is required");
        }
        if (realloc && o.realloc().isEmpty()) {
            throw invalid(at, "canonical option `realloc` is required");
        }
    }

    /** Flattened core types, capped just past MAX_FLAT_PARAMS: beyond that only "too many" matters. */
    static List<CoreType.ValType> flattenAll(List<VT> types) {
        List<CoreType.ValType> out = new ArrayList<>();
        for (VT t : types) {
            flatten(t, out);
            if (out.size() > MAX_FLAT_PARAMS) {
                break;
            }
        }
        return out;
    }

    static List<CoreType.ValType> flatten(VT t) {
        List<CoreType.ValType> out = new ArrayList<>();
        flatten(t, out);
        return out;
    }

    private static void flatten(VT t, List<CoreType.ValType> out) {
        if (out.size() > MAX_FLAT_PARAMS) {
            return;
        }
        if (t instanceof Prim p) {
            switch (p.p()) {
                case S64, U64 -> out.add(CoreType.ValType.I64);
                case F32 -> out.add(CoreType.ValType.F32);
                case F64 -> out.add(CoreType.ValType.F64);
                case STRING -> {
                    out.add(CoreType.ValType.I32);
                    out.add(CoreType.ValType.I32);
                }
                default -> out.add(CoreType.ValType.I32);
            }
        } else if (t instanceof ListV l) {
            if (l.length() < 0) {
                out.add(CoreType.ValType.I32);
                out.add(CoreType.ValType.I32);
            } else {
                for (long i = 0; i < l.length() && out.size() <= MAX_FLAT_PARAMS; i++) {
                    flatten(l.element(), out);
                }
            }
        } else if (t instanceof RecordV r) {
            r.types().forEach(x -> flatten(x, out));
        } else if (t instanceof TupleV tu) {
            tu.types().forEach(x -> flatten(x, out));
        } else if (t instanceof FlagsV) {
            out.add(CoreType.ValType.I32);
        } else if (t instanceof EnumV || t instanceof OwnV || t instanceof BorrowV) {
            out.add(CoreType.ValType.I32);
        } else if (t instanceof VariantV v) {
            flattenVariant(v.types(), out);
        } else if (t instanceof OptionV o) {
            flattenVariant(List.of(Optional.empty(), Optional.of(o.type())), out);
        } else if (t instanceof ResultV r) {
            flattenVariant(List.of(r.ok(), r.error()), out);
        }
    }

    private static void flattenVariant(List<Optional<VT>> cases, List<CoreType.ValType> out) {
        List<CoreType.ValType> joined = new ArrayList<>();
        for (Optional<VT> c : cases) {
            if (c.isEmpty()) {
                continue;
            }
            List<CoreType.ValType> flat = new ArrayList<>();
            flatten(c.get(), flat);
            for (int i = 0; i < flat.size(); i++) {
                if (i < joined.size()) {
                    joined.set(i, join(joined.get(i), flat.get(i)));
                } else {
                    joined.add(flat.get(i));
                }
            }
            if (joined.size() > MAX_FLAT_PARAMS) {
                break;
            }
        }
        out.add(CoreType.ValType.I32); // the discriminant
        out.addAll(joined);
    }

    private static CoreType.ValType join(CoreType.ValType a, CoreType.ValType b) {
        if (a == b) {
            return a;
        }
        if (a == CoreType.ValType.I32 && b == CoreType.ValType.F32 || a == CoreType.ValType.F32 && b == CoreType.ValType.I32) {
            return CoreType.ValType.I32;
        }
        return CoreType.ValType.I64;
    }

    // ---------------------------------------------------------------- start

    private static void start(Scope s, Definition.Start st) {
        long at = st.offset();
        FuncT f = get(s.funcs, st.func(), "func", at);
        if (st.args().size() != f.params().size()) {
            throw invalid(at, "start function takes " + f.params().size() + " arguments, given " + st.args().size());
        }
        for (int i = 0; i < st.args().size(); i++) {
            VT v = get(s.values, st.args().get(i), "value", at);
            if (!vtEq(v, f.params().get(i), new IdentityHashMap<>())) {
                throw invalid(at, "start function argument " + i + " has the wrong type");
            }
        }
        long results = f.result().isPresent() ? 1 : 0;
        if (st.results() != results) {
            throw invalid(at, "start function returns " + results + " values, " + st.results() + " declared");
        }
        f.result().ifPresent(s.values::add);
    }
}
