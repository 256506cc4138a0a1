package ai.asterai.protocol.component;

import ai.asterai.protocol.component.Resolved.BorrowV;
import ai.asterai.protocol.component.Resolved.EnumV;
import ai.asterai.protocol.component.Resolved.Ext;
import ai.asterai.protocol.component.Resolved.FlagsV;
import ai.asterai.protocol.component.Resolved.FuncE;
import ai.asterai.protocol.component.Resolved.FuncT;
import ai.asterai.protocol.component.Resolved.InstE;
import ai.asterai.protocol.component.Resolved.ListV;
import ai.asterai.protocol.component.Resolved.OptionV;
import ai.asterai.protocol.component.Resolved.OwnV;
import ai.asterai.protocol.component.Resolved.Prim;
import ai.asterai.protocol.component.Resolved.RecordV;
import ai.asterai.protocol.component.Resolved.Res;
import ai.asterai.protocol.component.Resolved.ResT;
import ai.asterai.protocol.component.Resolved.ResultV;
import ai.asterai.protocol.component.Resolved.TupleV;
import ai.asterai.protocol.component.Resolved.TypeE;
import ai.asterai.protocol.component.Resolved.VT;
import ai.asterai.protocol.component.Resolved.ValT;
import ai.asterai.protocol.component.Resolved.VariantV;
import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.Gate;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.TypeOwner;
import ai.asterai.protocol.wit.model.TypeRef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.protocol.wit.model.WitType;
import ai.asterai.protocol.wit.model.WitWorld;
import ai.asterai.protocol.wit.model.WorldItem;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's WIT world, derived from the binary's own types: its imports and exports in the
 * protocol's WIT model, so it can be printed ({@code WitPrinter}) or compared with an uploaded WIT
 * package. As {@code wasm-tools component wit} does, the world is {@code root:component/root}; an
 * instance named {@code ns:pkg/iface@v} becomes that interface (its contents in {@link #interfaces()}),
 * one with a plain name an inline interface. Imports and exports WIT cannot express (core modules,
 * components, values) are listed in {@link #unrepresentable()}.
 */
public record ComponentWorld(WitWorld world, Map<String, WitInterface> interfaces, List<String> unrepresentable) {
    public ComponentWorld {
        interfaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        unrepresentable = List.copyOf(unrepresentable);
    }

    /**
     * The world as resolved WIT: the {@code root:component} package with the world, and one package
     * per imported or exported interface's package holding those interfaces (for {@code WitPrinter}
     * and comparisons).
     */
    public ai.asterai.protocol.wit.model.ResolvedWit toWit() {
        Map<WitPackageName, List<WitInterface>> byPackage = new LinkedHashMap<>();
        for (Map.Entry<String, WitInterface> e : interfaces.entrySet()) {
            WitPackageName pkg = Builder.interfaceRef(e.getKey()).pkg();
            List<WitInterface> list = byPackage.computeIfAbsent(pkg, k -> new ArrayList<>());
            if (list.stream().noneMatch(i -> i.name().equals(e.getValue().name()))) {
                list.add(e.getValue());
            }
        }
        List<ai.asterai.protocol.wit.model.WitPackage> packages = new ArrayList<>();
        byPackage.forEach((pkg, ifaces) -> packages.add(new ai.asterai.protocol.wit.model.WitPackage(pkg, null, ifaces, List.of())));
        packages.add(new ai.asterai.protocol.wit.model.WitPackage(ROOT, null, List.of(), List.of(world)));
        return new ai.asterai.protocol.wit.model.ResolvedWit(ROOT, packages);
    }

    /** The package {@code wasm-tools component wit} names a component's own world with. */
    public static final WitPackageName ROOT = new WitPackageName("root", "component", null);

    /**
     * Validates the component and derives its world.
     *
     * @throws InvalidComponentException as {@link ComponentValidator#validate}
     */
    public static ComponentWorld of(Component component) {
        Resolved.CompT type = ComponentValidator.resolve(component);
        return new Builder(component.offset()).build(type);
    }

    private static final class Builder {
        private final long at;
        private final TypeOwner.WorldRef worldRef = new TypeOwner.WorldRef(ROOT, "root");
        /** The WIT name of each named type, by identity (resources also by their root). */
        private final Map<Object, TypeRef> names = new IdentityHashMap<>();
        private final Map<String, WitInterface> interfaces = new LinkedHashMap<>();
        private final List<String> unrepresentable = new ArrayList<>();

        Builder(long at) {
            this.at = at;
        }

        ComponentWorld build(Resolved.CompT type) {
            List<WorldItem> imports = items(type.imports(), false);
            List<WorldItem> exports = items(type.exports(), true);
            return new ComponentWorld(new WitWorld("root", null, Gate.NONE, imports, exports), interfaces, unrepresentable);
        }

        private List<WorldItem> items(Map<String, Ext> externs, boolean export) {
            List<WorldItem> out = new ArrayList<>();
            List<WitFunction> worldFunctions = new ArrayList<>();
            for (Map.Entry<String, Ext> e : externs.entrySet()) {
                String name = e.getKey();
                Ext ext = e.getValue();
                if (ext instanceof InstE inst) {
                    ExternNames.Parsed p = ExternNames.parse(name).orElseThrow();
                    if (p.kind() == ExternNames.Kind.INTERFACE) {
                        TypeOwner.InterfaceRef ref = interfaceRef(name);
                        interfaces.put(name, iface(ref.name(), ref, inst.type().exports()));
                        out.add(new WorldItem.InterfaceItem(null, ref, null, Gate.NONE));
                    } else {
                        TypeOwner owner = new TypeOwner.InlineInterfaceRef(worldRef, export, name);
                        out.add(new WorldItem.InlineInterfaceItem(name, iface(null, owner, inst.type().exports())));
                    }
                } else if (ext instanceof TypeE t) {
                    out.add(new WorldItem.TypeItem(typeDef(name, worldRef, t.type())));
                } else if (ext instanceof FuncE f) {
                    WitFunction fn = function(name, worldRef, f.type());
                    out.add(new WorldItem.FunctionItem(fn));
                } else {
                    unrepresentable.add((export ? "export " : "import ") + name + " (" + ext.sort() + ")");
                }
            }
            return out;
        }

        static TypeOwner.InterfaceRef interfaceRef(String id) {
            int colon = id.indexOf(':');
            int slash = id.indexOf('/');
            int atSign = id.indexOf('@');
            String version = atSign < 0 ? null : id.substring(atSign + 1);
            String iface = id.substring(slash + 1, atSign < 0 ? id.length() : atSign);
            return new TypeOwner.InterfaceRef(new WitPackageName(id.substring(0, colon), id.substring(colon + 1, slash), version), iface);
        }

        private WitInterface iface(String name, TypeOwner owner, Map<String, Ext> exports) {
            List<TypeDef> types = new ArrayList<>();
            List<WitFunction> functions = new ArrayList<>();
            for (Map.Entry<String, Ext> e : exports.entrySet()) {
                if (e.getValue() instanceof TypeE t) {
                    types.add(typeDef(e.getKey(), owner, t.type()));
                } else if (e.getValue() instanceof FuncE f) {
                    functions.add(function(e.getKey(), owner, f.type()));
                } else {
                    unrepresentable.add("in " + owner + ": " + e.getKey() + " (" + e.getValue().sort() + ")");
                }
            }
            return new WitInterface(name, null, Gate.NONE, types, functions);
        }

        private TypeDef typeDef(String name, TypeOwner owner, Resolved.T t) {
            TypeRef ref = new TypeRef(owner, name);
            TypeDef.TypeDefKind kind;
            if (t instanceof ResT r) {
                TypeRef earlier = names.get(r.resource().root());
                kind = earlier != null ? new TypeDef.AliasDef(new WitType.Named(earlier)) : new TypeDef.ResourceDef();
                names.put(r.resource(), ref);
                names.putIfAbsent(r.resource().root(), ref);
            } else if (t instanceof ValT v) {
                TypeRef earlier = names.get(v.type());
                kind = earlier != null ? new TypeDef.AliasDef(new WitType.Named(earlier)) : kind(v.type());
                names.put(v.type(), ref);
            } else {
                throw new InvalidComponentException(at, "type `" + name + "` of " + owner + " is not a value or resource type: WIT cannot express it");
            }
            return new TypeDef(name, kind, null, Gate.NONE);
        }

        private TypeDef.TypeDefKind kind(VT v) {
            if (v instanceof RecordV r) {
                List<TypeDef.Field> fields = new ArrayList<>();
                for (int i = 0; i < r.labels().size(); i++) {
                    fields.add(new TypeDef.Field(r.labels().get(i), wit(r.types().get(i)), null));
                }
                return new TypeDef.RecordDef(fields);
            } else if (v instanceof VariantV va) {
                List<TypeDef.Case> cases = new ArrayList<>();
                for (int i = 0; i < va.labels().size(); i++) {
                    cases.add(new TypeDef.Case(va.labels().get(i), va.types().get(i).map(this::wit).orElse(null), null));
                }
                return new TypeDef.VariantDef(cases);
            } else if (v instanceof EnumV e) {
                return new TypeDef.EnumDef(e.labels().stream().map(l -> new TypeDef.EnumCase(l, null)).toList());
            } else if (v instanceof FlagsV f) {
                return new TypeDef.FlagsDef(f.labels().stream().map(l -> new TypeDef.Flag(l, null)).toList());
            }
            return new TypeDef.AliasDef(wit(v));
        }

        private WitType wit(VT v) {
            TypeRef named = names.get(v);
            if (named != null) {
                return new WitType.Named(named);
            }
            if (v instanceof Prim p) {
                return WitType.Primitive.valueOf(p.p().name());
            } else if (v instanceof OwnV o) {
                return new WitType.OwnHandle(resource(o.resource()));
            } else if (v instanceof BorrowV b) {
                return new WitType.BorrowHandle(resource(b.resource()));
            } else if (v instanceof ListV l) {
                return l.length() < 0 ? new WitType.ListType(wit(l.element())) : new WitType.FixedListType(wit(l.element()), l.length());
            } else if (v instanceof OptionV o) {
                return new WitType.OptionType(wit(o.type()));
            } else if (v instanceof ResultV r) {
                return new WitType.ResultType(r.ok().map(this::wit).orElse(null), r.error().map(this::wit).orElse(null));
            } else if (v instanceof TupleV t) {
                return new WitType.TupleType(t.types().stream().map(this::wit).toList());
            }
            // records, variants, enums and flags have names wherever an import or export uses them
            throw new InvalidComponentException(at, "a " + v.getClass().getSimpleName() + " without a name: WIT cannot express it");
        }

        private TypeRef resource(Res r) {
            TypeRef ref = names.get(r);
            if (ref == null) {
                ref = names.get(r.root());
            }
            if (ref == null) {
                throw new InvalidComponentException(at, "a resource without a name: WIT cannot express it");
            }
            return ref;
        }

        private WitFunction function(String name, TypeOwner owner, FuncT f) {
            ExternNames.Parsed p = ExternNames.parse(name).orElseThrow();
            FunctionKind kind = switch (p.kind()) {
                case CONSTRUCTOR -> FunctionKind.CONSTRUCTOR;
                case METHOD -> FunctionKind.METHOD;
                case STATIC -> FunctionKind.STATIC;
                default -> FunctionKind.FREESTANDING;
            };
            TypeRef resource = kind == FunctionKind.FREESTANDING ? null : new TypeRef(owner, p.resource().orElseThrow());
            List<WitFunction.Param> params = new ArrayList<>();
            for (int i = kind == FunctionKind.METHOD ? 1 : 0; i < f.params().size(); i++) { // self is implicit
                params.add(new WitFunction.Param(f.names().get(i), wit(f.params().get(i))));
            }
            WitType result = f.result().map(this::wit).orElse(null);
            if (kind == FunctionKind.CONSTRUCTOR && result instanceof WitType.OwnHandle) {
                result = null; // a constructor's own<r> is implicit
            }
            String declared = switch (kind) {
                case CONSTRUCTOR -> "constructor";
                case FREESTANDING -> name;
                default -> p.label();
            };
            return new WitFunction(declared, kind, resource, false, params, result, null, Gate.NONE);
        }
    }
}
