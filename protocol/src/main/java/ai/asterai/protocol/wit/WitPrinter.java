package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.Gate;
import ai.asterai.protocol.wit.model.ResolvedWit;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prints resolved packages as canonical WIT: two-space indentation, docs as {@code ///}, gates as
 * attributes, worlds in their elaborated form (includes expanded, implicit imports listed). Reading the
 * output back gives an equal model.
 */
public final class WitPrinter {
    private final StringBuilder out = new StringBuilder();
    private WitPackageName current;

    private WitPrinter() {
    }

    /**
     * The whole resolution as one document: the main package with a {@code package ..;} header, every
     * other package as a nested {@code package .. { .. }} block.
     */
    public static String print(ResolvedWit wit) {
        WitPrinter p = new WitPrinter();
        WitPackage main = wit.mainPackage();
        p.header(main);
        p.body(main, 0);
        for (WitPackage pkg : wit.packages()) {
            if (pkg != main) {
                p.out.append('\n');
                p.docs(pkg.docs(), 0);
                p.out.append("package ").append(packageName(pkg.name())).append(" {\n");
                p.body(pkg, 1);
                p.out.append("}\n");
            }
        }
        return p.out.toString();
    }

    /** One package on its own; packages it refers to must be supplied separately when read back. */
    public static String printPackage(WitPackage pkg) {
        WitPrinter p = new WitPrinter();
        p.header(pkg);
        p.body(pkg, 0);
        return p.out.toString();
    }

    private void header(WitPackage pkg) {
        docs(pkg.docs(), 0);
        out.append("package ").append(packageName(pkg.name())).append(";\n");
    }

    private void body(WitPackage pkg, int depth) {
        current = pkg.name();
        // A blank line separates items, but none follows the `{` of a nested package.
        boolean first = depth > 0;
        for (WitInterface iface : pkg.interfaces()) {
            out.append(first ? "" : "\n");
            first = false;
            docs(iface.docs(), depth);
            gate(iface.gate(), depth);
            indent(depth).append("interface ").append(id(iface.name())).append(" {");
            if (open(iface.types().isEmpty() && iface.functions().isEmpty())) {
                interfaceItems(iface, new TypeOwner.InterfaceRef(pkg.name(), iface.name()), depth + 1);
                indent(depth);
            }
            out.append("}\n");
        }
        for (WitWorld world : pkg.worlds()) {
            out.append(first ? "" : "\n");
            first = false;
            docs(world.docs(), depth);
            gate(world.gate(), depth);
            indent(depth).append("world ").append(id(world.name())).append(" {");
            if (open(world.imports().isEmpty() && world.exports().isEmpty())) {
                worldItems(world, new TypeOwner.WorldRef(pkg.name(), world.name()), depth + 1);
                indent(depth);
            }
            out.append("}\n");
        }
    }

    // ---- interfaces -----------------------------------------------------------------------------------

    /**
     * Types in their order (uses first), with freestanding functions placed so that their order relative
     * to resource function blocks is kept.
     */
    private void interfaceItems(WitInterface iface, TypeOwner self, int depth) {
        List<TypeDef> typeDefs = uses(iface.types(), self, depth);
        List<WitFunction> functions = iface.functions();
        Set<WitFunction> printed = new HashSet<>();
        for (TypeDef t : typeDefs) {
            List<WitFunction> own = resourceFunctions(functions, self, t);
            if (!own.isEmpty()) {
                int first = functions.indexOf(own.get(0));
                for (int i = 0; i < first; i++) {
                    WitFunction f = functions.get(i);
                    if (f.kind() == FunctionKind.FREESTANDING && printed.add(f)) {
                        freestanding(f, depth);
                    }
                }
            }
            typeDef(t, own, depth);
        }
        for (WitFunction f : functions) {
            if (f.kind() == FunctionKind.FREESTANDING && printed.add(f)) {
                freestanding(f, depth);
            }
        }
    }

    /** Prints the leading run of {@code use}d types as {@code use} statements; returns the other types. */
    private List<TypeDef> uses(List<TypeDef> types, TypeOwner self, int depth) {
        List<TypeDef> rest = new ArrayList<>();
        TypeOwner.InterfaceRef source = null;
        Gate gate = null;
        for (TypeDef t : types) {
            TypeOwner.InterfaceRef from = Registry.useSource(self, t);
            if (from == null) {
                if (source != null) {
                    out.append("};\n");
                    source = null;
                }
                rest.add(t);
                continue;
            }
            TypeRef target = ((WitType.Named) ((TypeDef.AliasDef) t.kind()).target()).ref();
            String name = id(target.name()) + (target.name().equals(t.name()) ? "" : " as " + id(t.name()));
            if (from.equals(source) && t.gate().equals(gate)) {
                out.append(", ").append(name);
                continue;
            }
            if (source != null) {
                out.append("};\n");
            }
            gate(t.gate(), depth);
            indent(depth).append("use ").append(path(from)).append(".{").append(name);
            source = from;
            gate = t.gate();
        }
        if (source != null) {
            out.append("};\n");
        }
        return rest;
    }

    private static List<WitFunction> resourceFunctions(List<WitFunction> functions, TypeOwner self, TypeDef t) {
        if (!(t.kind() instanceof TypeDef.ResourceDef)) {
            return List.of();
        }
        TypeRef ref = new TypeRef(self, t.name());
        return functions.stream().filter(f -> ref.equals(f.resource())).toList();
    }

    private void typeDef(TypeDef t, List<WitFunction> resourceFunctions, int depth) {
        docs(t.docs(), depth);
        gate(t.gate(), depth);
        TypeDef.TypeDefKind kind = t.kind();
        indent(depth).append(kind.keyword()).append(' ').append(id(t.name()));
        if (kind instanceof TypeDef.AliasDef a) {
            out.append(" = ").append(type(a.target())).append(";\n");
        } else if (kind instanceof TypeDef.RecordDef r) {
            out.append(" {\n");
            for (TypeDef.Field f : r.fields()) {
                docs(f.docs(), depth + 1);
                indent(depth + 1).append(id(f.name())).append(": ").append(type(f.type())).append(",\n");
            }
            indent(depth).append("}\n");
        } else if (kind instanceof TypeDef.VariantDef v) {
            out.append(" {\n");
            for (TypeDef.Case c : v.cases()) {
                docs(c.docs(), depth + 1);
                indent(depth + 1).append(id(c.name()));
                if (c.type() != null) {
                    out.append('(').append(type(c.type())).append(')');
                }
                out.append(",\n");
            }
            indent(depth).append("}\n");
        } else if (kind instanceof TypeDef.EnumDef e) {
            out.append(" {\n");
            for (TypeDef.EnumCase c : e.cases()) {
                docs(c.docs(), depth + 1);
                indent(depth + 1).append(id(c.name())).append(",\n");
            }
            indent(depth).append("}\n");
        } else if (kind instanceof TypeDef.FlagsDef f) {
            out.append(" {\n");
            for (TypeDef.Flag flag : f.flags()) {
                docs(flag.docs(), depth + 1);
                indent(depth + 1).append(id(flag.name())).append(",\n");
            }
            indent(depth).append("}\n");
        } else if (resourceFunctions.isEmpty()) {
            out.append(";\n");
        } else {
            out.append(" {\n");
            for (WitFunction f : resourceFunctions) {
                docs(f.docs(), depth + 1);
                gate(f.gate(), depth + 1);
                indent(depth + 1);
                if (f.kind() == FunctionKind.CONSTRUCTOR) {
                    out.append("constructor");
                    signature(f.params(), f.result());
                } else {
                    out.append(id(f.name())).append(": ");
                    if (f.kind() == FunctionKind.STATIC) {
                        out.append("static ");
                    }
                    funcType(f);
                }
                out.append(";\n");
            }
            indent(depth).append("}\n");
        }
    }

    private void freestanding(WitFunction f, int depth) {
        docs(f.docs(), depth);
        gate(f.gate(), depth);
        indent(depth).append(id(f.name())).append(": ");
        funcType(f);
        out.append(";\n");
    }

    private void funcType(WitFunction f) {
        out.append(f.async() ? "async func" : "func");
        signature(f.params(), f.result());
    }

    private void signature(List<WitFunction.Param> params, WitType result) {
        out.append('(');
        for (int i = 0; i < params.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(id(params.get(i).name())).append(": ")
                    .append(type(params.get(i).type()));
        }
        out.append(')');
        if (result != null) {
            out.append(" -> ").append(type(result));
        }
    }

    // ---- worlds ---------------------------------------------------------------------------------------

    private void worldItems(WitWorld world, TypeOwner.WorldRef self, int depth) {
        List<TypeDef> types = new ArrayList<>();
        List<WitFunction> functions = new ArrayList<>();
        for (WorldItem item : world.imports()) {
            if (item instanceof WorldItem.TypeItem t) {
                types.add(t.type());
            } else if (item instanceof WorldItem.FunctionItem f) {
                functions.add(f.function());
            }
        }
        for (WorldItem item : world.imports()) {
            if (!(item instanceof WorldItem.TypeItem) && !(item instanceof WorldItem.FunctionItem)) {
                worldItem(self, "import", item, depth);
            }
        }
        for (TypeDef t : uses(types, self, depth)) {
            typeDef(t, resourceFunctions(functions, self, t), depth);
        }
        for (WitFunction f : functions) {
            if (f.kind() == FunctionKind.FREESTANDING) {
                worldItem(self, "import", new WorldItem.FunctionItem(f), depth);
            }
        }
        for (WorldItem item : world.exports()) {
            worldItem(self, "export", item, depth);
        }
    }

    private void worldItem(TypeOwner.WorldRef world, String direction, WorldItem item, int depth) {
        if (item instanceof WorldItem.InterfaceItem i) {
            docs(i.docs(), depth);
            gate(i.gate(), depth);
            indent(depth).append(direction).append(' ');
            if (i.label() != null) {
                out.append(id(i.label())).append(": ");
            }
            out.append(path(i.iface())).append(";\n");
        } else if (item instanceof WorldItem.InlineInterfaceItem inline) {
            WitInterface iface = inline.iface();
            docs(iface.docs(), depth);
            gate(iface.gate(), depth);
            indent(depth).append(direction).append(' ').append(id(inline.name())).append(": interface {");
            if (open(iface.types().isEmpty() && iface.functions().isEmpty())) {
                interfaceItems(iface, new TypeOwner.InlineInterfaceRef(world, direction.equals("export"),
                        inline.name()), depth + 1);
                indent(depth);
            }
            out.append("}\n");
        } else if (item instanceof WorldItem.FunctionItem f) {
            WitFunction fn = f.function();
            docs(fn.docs(), depth);
            gate(fn.gate(), depth);
            indent(depth).append(direction).append(' ').append(id(fn.name())).append(": ");
            funcType(fn);
            out.append(";\n");
        }
    }

    // ---- names, types, docs and gates -----------------------------------------------------------------

    private String path(TypeOwner.InterfaceRef iface) {
        if (iface.pkg().equals(current)) {
            return id(iface.name());
        }
        WitPackageName p = iface.pkg();
        return id(p.namespace()) + ":" + id(p.name()) + "/" + id(iface.name())
                + (p.version() == null ? "" : "@" + p.version());
    }

    private static String packageName(WitPackageName name) {
        return id(name.namespace()) + ":" + id(name.name()) + (name.version() == null ? "" : "@" + name.version());
    }

    /** An identifier, {@code %}-escaped when it is a keyword. */
    static String id(String name) {
        return TokenKind.isKeyword(name) ? "%" + name : name;
    }

    static String type(WitType t) {
        if (t instanceof WitType.Primitive p) {
            return p.wit();
        }
        if (t instanceof WitType.Named n) {
            return id(n.ref().name());
        }
        if (t instanceof WitType.OwnHandle o) {
            return "own<" + id(o.resource().name()) + ">";
        }
        if (t instanceof WitType.BorrowHandle b) {
            return "borrow<" + id(b.resource().name()) + ">";
        }
        if (t instanceof WitType.ListType l) {
            return "list<" + type(l.element()) + ">";
        }
        if (t instanceof WitType.FixedListType l) {
            return "list<" + type(l.element()) + ", " + l.size() + ">";
        }
        if (t instanceof WitType.MapType m) {
            return "map<" + type(m.key()) + ", " + type(m.value()) + ">";
        }
        if (t instanceof WitType.OptionType o) {
            return "option<" + type(o.inner()) + ">";
        }
        if (t instanceof WitType.ResultType r) {
            if (r.ok() == null && r.err() == null) {
                return "result";
            }
            if (r.err() == null) {
                return "result<" + type(r.ok()) + ">";
            }
            return "result<" + (r.ok() == null ? "_" : type(r.ok())) + ", " + type(r.err()) + ">";
        }
        if (t instanceof WitType.TupleType tu) {
            List<String> parts = tu.types().stream().map(WitPrinter::type).toList();
            return "tuple<" + String.join(", ", parts) + ">";
        }
        if (t instanceof WitType.FutureType f) {
            return f.inner() == null ? "future" : "future<" + type(f.inner()) + ">";
        }
        WitType.StreamType s = (WitType.StreamType) t;
        return s.inner() == null ? "stream" : "stream<" + type(s.inner()) + ">";
    }

    private void docs(String docs, int depth) {
        if (docs == null) {
            return;
        }
        for (String line : docs.split("\n", -1)) {
            indent(depth).append(line.isEmpty() ? "///" : "/// " + line).append('\n');
        }
    }

    private void gate(Gate gate, int depth) {
        String deprecated = null;
        if (gate instanceof Gate.Since s) {
            indent(depth).append("@since(version = ").append(s.version()).append(")\n");
            deprecated = s.deprecated();
        } else if (gate instanceof Gate.Unstable u) {
            indent(depth).append("@unstable(feature = ").append(id(u.feature())).append(")\n");
            deprecated = u.deprecated();
        }
        if (deprecated != null) {
            indent(depth).append("@deprecated(version = ").append(deprecated).append(")\n");
        }
    }

    /** Starts the body of a braced item unless it is empty (then printed as {@code {}}). */
    private boolean open(boolean empty) {
        if (!empty) {
            out.append('\n');
        }
        return !empty;
    }

    private StringBuilder indent(int depth) {
        return out.append("  ".repeat(depth));
    }
}
