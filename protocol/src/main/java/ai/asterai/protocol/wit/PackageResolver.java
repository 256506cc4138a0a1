package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.Gate;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.protocol.wit.model.WitType.Primitive;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the names of one package (all its files) into a {@link Draft.Package}: duplicates, undefined
 * names, cycles between interfaces/worlds and between types, {@code use}, handles, constructors and
 * parameters. Names from other packages become placeholders that {@link Linker} connects later.
 */
final class PackageResolver {
    /** A package to resolve: its declared name and the top-level items of each of its files. */
    record Unit(Ast.PackageName name, List<FileItems> files) {
    }

    record FileItems(SourceFile file, List<Ast.Item> items) {
    }

    private static final Set<Primitive> MAP_KEYS = EnumSet.of(Primitive.BOOL, Primitive.U8, Primitive.U16,
            Primitive.U32, Primitive.U64, Primitive.S8, Primitive.S16, Primitive.S32, Primitive.S64, Primitive.CHAR,
            Primitive.STRING);

    private final Unit unit;
    private final Draft.Package pkg;
    /** Per file: the names in scope at its top level (items of the package plus the file's own `use`s). */
    private final List<Map<String, Object>> fileScopes = new ArrayList<>();
    /** Interfaces and worlds of the package by name. */
    private final Map<String, Object> packageItems = new HashMap<>();
    private int currentFile;
    /** Names defined so far in the interface or world being resolved: a Draft.Type or Draft.FUNCTION. */
    private Map<String, Object> scope = new LinkedHashMap<>();

    private PackageResolver(Unit unit) {
        this.unit = unit;
        Ast.PackageName name = unit.name();
        this.pkg = new Draft.Package(name.toName(), name.span(), Docs.text(name.docs()));
    }

    static Draft.Package resolve(Unit unit) {
        return new PackageResolver(unit).run();
    }

    private Draft.Package run() {
        collectForeignItems();
        List<Object> order = collectItems();
        collectForeignTypes();
        Map<Object, Ast.Item> asts = new HashMap<>();
        Map<Object, Integer> files = new HashMap<>();
        for (int i = 0; i < unit.files().size(); i++) {
            for (Ast.Item item : unit.files().get(i).items()) {
                String name = item instanceof Ast.Interface it ? it.name().name()
                        : item instanceof Ast.World w ? w.name().name() : null;
                if (name != null) {
                    asts.put(packageItems.get(name), item);
                    files.put(packageItems.get(name), i);
                }
            }
        }
        for (Object item : order) {
            if (item instanceof Draft.Interface iface) {
                currentFile = files.get(iface);
                Ast.Interface ast = (Ast.Interface) asts.get(iface);
                resolveInterface(iface, ast.items(), ast.docs(), ast.attributes());
            }
        }
        for (Object item : order) {
            if (item instanceof Draft.World world) {
                currentFile = files.get(world);
                resolveWorld(world, (Ast.World) asts.get(world));
            }
        }
        return pkg;
    }

    // ---- paths ----------------------------------------------------------------------------------------

    /** Registers a placeholder for every interface or world named in another package. */
    private void collectForeignItems() {
        for (FileItems f : unit.files()) {
            UsePaths.forEach(f.items(), (owner, attributes, path, names, kind) -> {
                if (!(path instanceof Ast.ForeignPath foreign)) {
                    return;
                }
                Gate gate = Gates.of(attributes);
                Draft.ForeignPackage dep = pkg.foreign.computeIfAbsent(foreign.pkg().toName(),
                        n -> new Draft.ForeignPackage(foreign.pkgSpan()));
                Draft.ForeignItem item = dep.items.computeIfAbsent(foreign.name().name(), n -> new Draft.ForeignItem(
                        kind == UsePaths.Kind.WORLD ? new Draft.World(n, foreign.name().span(), true)
                                : new Draft.Interface(n, foreign.name().span(), true)));
                item.gates.add(gate);
            });
        }
    }

    /**
     * Checks item names, orders interfaces and worlds so that each comes after those it uses or includes,
     * creates their drafts and builds each file's scope. Returns the drafts in that order.
     */
    private List<Object> collectItems() {
        Map<String, Span> spans = new HashMap<>();
        Map<String, Ast.Item> asts = new HashMap<>();
        Map<String, List<Ast.Id>> deps = new LinkedHashMap<>();
        for (FileItems f : unit.files()) {
            for (Ast.Item item : f.items()) {
                Ast.Id name = item instanceof Ast.Interface i ? i.name() : item instanceof Ast.World w ? w.name() : null;
                if (name == null) {
                    continue;
                }
                if (spans.containsKey(name.name())) {
                    throw name.span().error("duplicate item named `" + name.name() + "`");
                }
                spans.put(name.name(), name.span());
                asts.put(name.name(), item);
                deps.put(name.name(), new ArrayList<>());
            }
        }
        for (FileItems f : unit.files()) {
            // What each top-level name of this file refers to: a local item (by the id naming it) or null
            // for an item of another package.
            Map<String, Ast.Id> fileNames = new HashMap<>();
            for (Ast.Item item : f.items()) {
                Ast.Id name;
                Ast.Id source;
                if (item instanceof Ast.TopUse u) {
                    name = u.effectiveName();
                    source = u.path() instanceof Ast.LocalPath local ? local.name() : null;
                } else if (item instanceof Ast.Interface i) {
                    name = i.name();
                    source = i.name();
                } else if (item instanceof Ast.World w) {
                    name = w.name();
                    source = w.name();
                } else {
                    continue;
                }
                if (fileNames.containsKey(name.name())) {
                    throw name.span().error("duplicate name `" + name.name() + "` in this file");
                }
                fileNames.put(name.name(), source);
            }
            UsePaths.forEach(f.items(), (owner, attributes, path, names, kind) -> {
                if (owner == null || !(path instanceof Ast.LocalPath local)) {
                    return;
                }
                Ast.Id used = local.name();
                if (fileNames.containsKey(used.name())) {
                    Ast.Id source = fileNames.get(used.name());
                    if (source != null) {
                        deps.get(owner.name()).add(source);
                    }
                } else if (spans.containsKey(used.name())) {
                    deps.get(owner.name()).add(used);
                } else {
                    throw used.span().error("interface or world `" + used.name() + "` does not exist");
                }
            });
        }
        List<Object> order = new ArrayList<>();
        for (String name : Toposort.sort("interface or world", deps)) {
            Object draft;
            if (asts.get(name) instanceof Ast.Interface) {
                Draft.Interface iface = new Draft.Interface(name, spans.get(name), false);
                pkg.interfaces.add(iface);
                draft = iface;
            } else {
                Draft.World world = new Draft.World(name, spans.get(name), false);
                pkg.worlds.add(world);
                draft = world;
            }
            packageItems.put(name, draft);
            order.add(draft);
        }
        for (FileItems f : unit.files()) {
            Map<String, Object> scope = new HashMap<>();
            for (Ast.Item item : f.items()) {
                if (item instanceof Ast.TopUse u) {
                    if (!u.attributes().isEmpty()) {
                        throw u.span().error("attributes not allowed on top-level use");
                    }
                    Object target;
                    if (u.path() instanceof Ast.LocalPath local) {
                        target = packageItems.get(local.name().name());
                        if (target == null) {
                            throw local.name().span().error(
                                    "interface or world `" + local.name().name() + "` does not exist");
                        }
                    } else {
                        Ast.ForeignPath foreign = (Ast.ForeignPath) u.path();
                        target = pkg.foreign.get(foreign.pkg().toName()).items.get(foreign.name().name()).target;
                    }
                    scope.put(u.effectiveName().name(), target);
                } else if (item instanceof Ast.Interface i) {
                    scope.put(i.name().name(), packageItems.get(i.name().name()));
                } else if (item instanceof Ast.World w) {
                    scope.put(w.name().name(), packageItems.get(w.name().name()));
                }
            }
            fileScopes.add(scope);
        }
        return order;
    }

    /** Creates placeholder types for the names {@code use}d from interfaces of other packages. */
    private void collectForeignTypes() {
        for (int i = 0; i < unit.files().size(); i++) {
            currentFile = i;
            UsePaths.forEach(unit.files().get(i).items(), (owner, attributes, path, names, kind) -> {
                if (names == null) {
                    return;
                }
                Gate gate = Gates.of(attributes);
                Draft.Interface iface = asInterface(resolvePath(path), path.name());
                if (!iface.foreign) {
                    return;
                }
                for (Ast.UseName name : names) {
                    String n = name.name().name();
                    if (iface.lookup.containsKey(n)) {
                        continue;
                    }
                    Draft.Type type = new Draft.Type(n, iface, new Draft.Unknown(), null, gate, name.name().span());
                    pkg.foreignTypes.add(type);
                    iface.lookup.put(n, type);
                    iface.types.put(n, type);
                }
            });
        }
    }

    private Object resolvePath(Ast.UsePath path) {
        if (path instanceof Ast.ForeignPath foreign) {
            return pkg.foreign.get(foreign.pkg().toName()).items.get(foreign.name().name()).target;
        }
        Ast.Id id = path.name();
        Object item = fileScopes.get(currentFile).get(id.name());
        if (item == null) {
            item = packageItems.get(id.name());
        }
        if (item == null) {
            throw id.span().error("interface or world `" + id.name() + "` does not exist");
        }
        return item;
    }

    private static Draft.Interface asInterface(Object item, Ast.Id name) {
        if (item instanceof Draft.Interface iface) {
            return iface;
        }
        throw name.span().error("name `" + name.name() + "` is defined as a world, not an interface");
    }

    private static Draft.World asWorld(Object item, Ast.Id name) {
        if (item instanceof Draft.World world) {
            return world;
        }
        throw name.span().error("name `" + name.name() + "` is defined as an interface, not a world");
    }

    // ---- interfaces and worlds ------------------------------------------------------------------------

    private void resolveInterface(Draft.Interface iface, List<Ast.InterfaceItem> items, Ast.Docs docs,
                                  List<Ast.Attribute> attributes) {
        iface.docs = Docs.text(docs);
        iface.gate = Gates.of(attributes);
        List<Ast.Use> uses = new ArrayList<>();
        List<Ast.TypeItem> typeItems = new ArrayList<>();
        List<Object> typeOrder = new ArrayList<>();
        for (Ast.InterfaceItem item : items) {
            if (item instanceof Ast.Use u) {
                uses.add(u);
                typeOrder.add(u);
            } else if (item instanceof Ast.TypeItem t) {
                typeItems.add(t);
                typeOrder.add(t);
            }
        }
        resolveTypes(iface, typeOrder);
        for (Map.Entry<String, Object> e : scope.entrySet()) {
            iface.types.put(e.getKey(), (Draft.Type) e.getValue());
        }
        for (Ast.InterfaceItem item : items) {
            if (item instanceof Ast.FuncItem f) {
                define(f.name(), Draft.FUNCTION);
                iface.functions.add(function(f.docs(), f.attributes(), f.name(), f.func(), FunctionKind.FREESTANDING,
                        null));
            } else if (item instanceof Ast.TypeItem t && t.type() instanceof Ast.ResourceBody body) {
                for (Ast.ResourceFunc rf : body.funcs()) {
                    iface.functions.add(resourceFunction(rf, t.name()));
                }
            }
        }
        iface.lookup.putAll(scope);
        scope = new LinkedHashMap<>();
    }

    private void resolveWorld(Draft.World world, Ast.World ast) {
        world.docs = Docs.text(ast.docs());
        world.gate = Gates.of(ast.attributes());
        List<Object> typeOrder = new ArrayList<>();
        for (Ast.WorldItem item : ast.items()) {
            if (item instanceof Ast.Use || item instanceof Ast.TypeItem) {
                typeOrder.add(item);
            }
        }
        resolveTypes(world, typeOrder);
        for (Ast.WorldItem item : ast.items()) {
            if (item instanceof Ast.Include inc) {
                Gate gate = Gates.of(inc.attributes());
                Draft.World from = asWorld(resolvePath(inc.from()), inc.from().name());
                world.includes.add(new Draft.Include(gate, from, inc.names(), inc.from().name().span()));
            }
        }
        for (Object type : scope.values()) {
            Draft.Type t = (Draft.Type) type;
            world.imports.put(t.name, new Draft.TypeItem(t, t.span));
        }
        Set<Draft.Interface> imported = new HashSet<>();
        Set<Draft.Interface> exported = new HashSet<>();
        for (Ast.WorldItem item : ast.items()) {
            Ast.Docs docs;
            List<Ast.Attribute> attributes;
            Ast.Extern kind;
            boolean export;
            if (item instanceof Ast.Import imp) {
                docs = imp.docs();
                attributes = imp.attributes();
                kind = imp.kind();
                export = false;
            } else if (item instanceof Ast.Export exp) {
                docs = exp.docs();
                attributes = exp.attributes();
                kind = exp.kind();
                export = true;
            } else {
                if (item instanceof Ast.TypeItem t && t.type() instanceof Ast.ResourceBody body) {
                    for (Ast.ResourceFunc rf : body.funcs()) {
                        Draft.Function f = resourceFunction(rf, t.name());
                        world.imports.put(f.qualifiedName(), new Draft.FunctionItem(f));
                    }
                }
                continue;
            }
            Draft.WorldItem resolved = worldItem(world, export, docs, attributes, kind);
            Object key;
            if (kind instanceof Ast.PathExtern) {
                key = ((Draft.InterfaceItem) resolved).iface();
                if (!(export ? exported : imported).add((Draft.Interface) key)) {
                    throw kind.span().error("interface cannot be " + (export ? "exported" : "imported")
                            + " more than once");
                }
            } else if (resolved instanceof Draft.FunctionItem f) {
                key = f.function().qualifiedName();
            } else {
                key = ((Draft.InterfaceItem) resolved).label();
            }
            Map<Object, Draft.WorldItem> target = export ? world.exports : world.imports;
            Draft.WorldItem previous = target.put(key, resolved);
            if (previous != null) {
                String what = previous instanceof Draft.InterfaceItem ? "interface"
                        : previous instanceof Draft.FunctionItem ? "func" : "type";
                throw kind.span().error((export ? "export" : "import") + " `" + key + "` conflicts with prior "
                        + what + " of same name");
            }
        }
        scope = new LinkedHashMap<>();
    }

    private Draft.WorldItem worldItem(Draft.World world, boolean export, Ast.Docs docs,
                                      List<Ast.Attribute> attributes, Ast.Extern kind) {
        if (kind instanceof Ast.InlineInterface inline) {
            Map<String, Object> saved = scope;
            scope = new LinkedHashMap<>();
            Draft.Interface iface = new Draft.Interface(null, inline.name().span(), false, world, export,
                    inline.name().name());
            pkg.interfaces.add(iface);
            resolveInterface(iface, inline.items(), docs, attributes);
            scope = saved;
            return new Draft.InterfaceItem(iface, inline.name().name(), true, null, iface.gate, inline.name().span());
        }
        if (kind instanceof Ast.PathExtern p) {
            Gate gate = Gates.of(attributes);
            Draft.Interface iface = asInterface(resolvePath(p.path()), p.path().name());
            return new Draft.InterfaceItem(iface, null, false, Docs.text(docs), gate, p.path().name().span());
        }
        if (kind instanceof Ast.NamedPathExtern p) {
            Gate gate = Gates.of(attributes);
            Draft.Interface iface = asInterface(resolvePath(p.path()), p.path().name());
            return new Draft.InterfaceItem(iface, p.name().name(), false, Docs.text(docs), gate, p.name().span());
        }
        Ast.FuncExtern f = (Ast.FuncExtern) kind;
        return new Draft.FunctionItem(function(docs, attributes, f.name(), f.func(), FunctionKind.FREESTANDING, null));
    }

    // ---- types ----------------------------------------------------------------------------------------

    /** Defines the `use`d names and the type definitions of an interface or world, dependencies first. */
    private void resolveTypes(Object owner, List<Object> items) {
        for (Object item : items) {
            if (item instanceof Ast.Use u) {
                resolveUse(owner, u);
            }
        }
        Map<String, List<Ast.Id>> deps = new LinkedHashMap<>();
        Map<String, Ast.TypeItem> defs = new HashMap<>();
        for (Object item : items) {
            if (item instanceof Ast.TypeItem t) {
                if (deps.containsKey(t.name().name())) {
                    throw t.name().span().error("name `" + t.name().name() + "` is defined more than once");
                }
                List<Ast.Id> refs = new ArrayList<>();
                collectNames(t.type(), refs);
                deps.put(t.name().name(), refs);
                defs.put(t.name().name(), t);
            } else {
                for (Ast.UseName n : ((Ast.Use) item).names()) {
                    // As in the reference parser, a `use` written after a `type` of the same name
                    // replaces it (a `type` after a `use` is a duplicate, reported above).
                    deps.put(n.effectiveName().name(), new ArrayList<>());
                    defs.remove(n.effectiveName().name());
                }
            }
        }
        for (String name : Toposort.sort("type", deps)) {
            Ast.TypeItem def = defs.remove(name);
            if (def == null) {
                continue;
            }
            Gate gate = Gates.of(def.attributes());
            Draft.Kind kind = typeDef(def.type());
            Draft.Type type = new Draft.Type(name, owner, kind, Docs.text(def.docs()), gate, def.name().span());
            pkg.types.add(type);
            define(def.name(), type);
        }
    }

    private void resolveUse(Object owner, Ast.Use use) {
        Draft.Interface from = asInterface(resolvePath(use.from()), use.from().name());
        Gate gate = Gates.of(use.attributes());
        for (Ast.UseName name : use.names()) {
            Object found = from.lookup.get(name.name().name());
            if (found == Draft.FUNCTION) {
                throw name.name().span().error("cannot import function `" + name.name().name() + "`");
            }
            if (found == null) {
                throw name.name().span().error("name `" + name.name().name() + "` does not exist");
            }
            Draft.Type alias = new Draft.Type(name.effectiveName().name(), owner,
                    new Draft.Alias(new Draft.Ref((Draft.Type) found)), null, gate, name.name().span());
            pkg.types.add(alias);
            define(name.effectiveName(), alias);
        }
    }

    private void define(Ast.Id name, Object item) {
        if (scope.containsKey(name.name())) {
            throw name.span().error("name `" + name.name() + "` is defined more than once");
        }
        scope.put(name.name(), item);
    }

    /** The names a type definition refers to, for ordering definitions. */
    private static void collectNames(Ast.Type type, List<Ast.Id> out) {
        if (type instanceof Ast.Name n) {
            out.add(n.id());
        } else if (type instanceof Ast.Handle h) {
            out.add(h.resource());
        } else if (type instanceof Ast.RecordBody r) {
            r.fields().forEach(f -> collectNames(f.type(), out));
        } else if (type instanceof Ast.TupleOf t) {
            t.types().forEach(x -> collectNames(x, out));
        } else if (type instanceof Ast.VariantBody v) {
            v.cases().forEach(c -> {
                if (c.type() != null) {
                    collectNames(c.type(), out);
                }
            });
        } else if (type instanceof Ast.OptionOf o) {
            collectNames(o.inner(), out);
        } else if (type instanceof Ast.ListOf l) {
            collectNames(l.element(), out);
        } else if (type instanceof Ast.FixedList l) {
            collectNames(l.element(), out);
        } else if (type instanceof Ast.MapOf m) {
            collectNames(m.key(), out);
            collectNames(m.value(), out);
        } else if (type instanceof Ast.ResultOf r) {
            if (r.ok() != null) {
                collectNames(r.ok(), out);
            }
            if (r.err() != null) {
                collectNames(r.err(), out);
            }
        } else if (type instanceof Ast.FutureOf f) {
            if (f.inner() != null) {
                collectNames(f.inner(), out);
            }
        } else if (type instanceof Ast.StreamOf s) {
            if (s.inner() != null) {
                collectNames(s.inner(), out);
            }
        }
    }

    private Draft.Kind typeDef(Ast.Type type) {
        if (type instanceof Ast.RecordBody r) {
            List<Draft.Field> fields = new ArrayList<>();
            for (Ast.Field f : r.fields()) {
                fields.add(new Draft.Field(f.name().name(), type(f.type()), Docs.text(f.docs())));
            }
            return new Draft.Record(fields);
        }
        if (type instanceof Ast.VariantBody v) {
            if (v.cases().isEmpty()) {
                throw v.span().error("empty variant");
            }
            List<Draft.Case> cases = new ArrayList<>();
            for (Ast.Case c : v.cases()) {
                cases.add(new Draft.Case(c.name().name(), c.type() == null ? null : type(c.type()), Docs.text(c.docs())));
            }
            return new Draft.Variant(cases);
        }
        if (type instanceof Ast.EnumBody e) {
            if (e.cases().isEmpty()) {
                throw e.span().error("empty enum");
            }
            return new Draft.Enum(members(e.cases()));
        }
        if (type instanceof Ast.FlagsBody f) {
            return new Draft.Flags(members(f.flags()));
        }
        if (type instanceof Ast.ResourceBody r) {
            Set<String> names = new HashSet<>();
            boolean constructor = false;
            for (Ast.ResourceFunc f : r.funcs()) {
                if (f.kind() == Ast.ResourceFuncKind.CONSTRUCTOR) {
                    if (constructor) {
                        throw f.name().span().error("duplicate constructors");
                    }
                    constructor = true;
                } else if (!names.add(f.name().name())) {
                    throw f.name().span().error("duplicate function name `" + f.name().name() + "`");
                }
            }
            return new Draft.Resource();
        }
        return new Draft.Alias(type(type));
    }

    private static List<Draft.Member> members(List<Ast.Member> members) {
        List<Draft.Member> out = new ArrayList<>();
        for (Ast.Member m : members) {
            out.add(new Draft.Member(m.name().name(), Docs.text(m.docs())));
        }
        return out;
    }

    private Draft.Ty type(Ast.Type type) {
        if (type instanceof Ast.Prim p) {
            return new Draft.Prim(p.primitive());
        }
        if (type instanceof Ast.Name n) {
            return new Draft.Ref(typeNamed(n.id()));
        }
        if (type instanceof Ast.Handle h) {
            Draft.Type resource = resource(h.resource());
            return h.borrow() ? new Draft.Borrow(resource) : new Draft.Own(resource);
        }
        if (type instanceof Ast.ListOf l) {
            return new Draft.ListOf(type(l.element()));
        }
        if (type instanceof Ast.FixedList l) {
            return new Draft.FixedList(type(l.element()), l.size());
        }
        if (type instanceof Ast.MapOf m) {
            Draft.Ty key = type(m.key());
            Draft.Ty value = type(m.value());
            if (!(key instanceof Draft.Prim p && MAP_KEYS.contains(p.primitive()))) {
                throw m.span().error("invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, "
                        + "s64, char, or string");
            }
            return new Draft.MapOf(key, value);
        }
        if (type instanceof Ast.OptionOf o) {
            return new Draft.OptionOf(type(o.inner()));
        }
        if (type instanceof Ast.ResultOf r) {
            return new Draft.ResultOf(r.ok() == null ? null : type(r.ok()), r.err() == null ? null : type(r.err()));
        }
        if (type instanceof Ast.TupleOf t) {
            List<Draft.Ty> types = new ArrayList<>();
            for (Ast.Type x : t.types()) {
                types.add(type(x));
            }
            return new Draft.TupleOf(types);
        }
        if (type instanceof Ast.FutureOf f) {
            return new Draft.FutureOf(f.inner() == null ? null : type(f.inner()));
        }
        if (type instanceof Ast.StreamOf s) {
            return new Draft.StreamOf(s.inner() == null ? null : type(s.inner()));
        }
        throw new IllegalStateException("not a type expression: " + type);
    }

    private Draft.Type typeNamed(Ast.Id name) {
        Object found = scope.get(name.name());
        if (found == Draft.FUNCTION) {
            throw name.span().error("cannot use function `" + name.name() + "` as a type");
        }
        if (found == null) {
            throw name.span().error("name `" + name.name() + "` does not exist");
        }
        return (Draft.Type) found;
    }

    /** The type a handle names; it must be a resource (or an alias of one). */
    private Draft.Type resource(Ast.Id name) {
        Draft.Type type = typeNamed(name);
        Draft.Type current = type;
        while (true) {
            if (current.kind instanceof Draft.Resource) {
                return type;
            }
            if (current.kind instanceof Draft.Unknown) {
                pkg.requiredResources.add(new Draft.RequiredResource(current, name.span()));
                return type;
            }
            if (current.kind instanceof Draft.Alias a && a.target() instanceof Draft.Ref r) {
                current = r.type();
                continue;
            }
            throw name.span().error("type `" + name.name() + "` used in a handle must be a resource");
        }
    }

    // ---- functions ------------------------------------------------------------------------------------

    private Draft.Function resourceFunction(Ast.ResourceFunc f, Ast.Id resourceName) {
        Draft.Type resource = (Draft.Type) scope.get(resourceName.name());
        FunctionKind kind = switch (f.kind()) {
            case METHOD -> FunctionKind.METHOD;
            case STATIC -> FunctionKind.STATIC;
            case CONSTRUCTOR -> FunctionKind.CONSTRUCTOR;
        };
        return function(f.docs(), f.attributes(), f.name(), f.func(), kind, resource);
    }

    private Draft.Function function(Ast.Docs docs, List<Ast.Attribute> attributes, Ast.Id name, Ast.Func func,
                                    FunctionKind kind, Draft.Type resource) {
        Gate gate = Gates.of(attributes);
        Set<String> names = new HashSet<>();
        if (kind == FunctionKind.METHOD) {
            names.add("self");
        }
        List<Draft.Param> params = new ArrayList<>();
        for (Ast.Param p : func.params()) {
            if (!names.add(p.name().name())) {
                throw p.name().span().error("param `" + p.name().name() + "` is defined more than once");
            }
            params.add(new Draft.Param(p.name().name(), type(p.type())));
        }
        Draft.Ty result = null;
        if (func.result() != null) {
            result = kind == FunctionKind.CONSTRUCTOR ? constructorResult(resource, func.result()) : type(func.result());
        }
        return new Draft.Function(name.name(), kind, resource, func.async(), params, result, Docs.text(docs), gate,
                name.span());
    }

    /** A declared constructor result must be {@code result<R>} or {@code result<R, E>} for its resource R. */
    private Draft.Ty constructorResult(Draft.Type resource, Ast.Type ast) {
        Draft.Ty result = type(ast);
        Draft.ResultOf r = null;
        if (result instanceof Draft.ResultOf direct) {
            r = direct;
        } else if (result instanceof Draft.Ref ref && ref.type().kind instanceof Draft.Alias a
                && a.target() instanceof Draft.ResultOf named) {
            r = named;
        }
        if (r == null) {
            throw ast.span().error("if a constructor return type is declared it must be a `result`");
        }
        boolean ok = (r.ok() instanceof Draft.Ref ref && ref.type() == resource)
                || (r.ok() instanceof Draft.Own own && own.resource() == resource);
        if (!ok) {
            Span span = ast instanceof Ast.ResultOf ar && ar.ok() != null ? ar.ok().span() : ast.span();
            throw span.error("the `ok` type must be the resource being constructed");
        }
        return result;
    }
}
