package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.TypeOwner;
import ai.asterai.protocol.wit.model.TypeRef;
import ai.asterai.protocol.wit.model.WitInterface;
import ai.asterai.protocol.wit.model.WitPackage;
import ai.asterai.protocol.wit.model.WitPackageName;
import ai.asterai.protocol.wit.model.WitType;
import ai.asterai.protocol.wit.model.WitWorld;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything linked so far, indexed for lookups while the next package is linked. */
final class Registry {
    private final Map<WitPackageName, WitPackage> packages = new LinkedHashMap<>();
    private final Map<TypeRef, TypeDef> types = new HashMap<>();
    private final Map<TypeOwner, WitInterface> interfaces = new HashMap<>();
    private final Map<TypeOwner.WorldRef, WitWorld> worlds = new HashMap<>();

    void addPackage(WitPackage pkg) {
        packages.put(pkg.name(), pkg);
    }

    WitPackage pkg(WitPackageName name) {
        return packages.get(name);
    }

    List<WitPackage> packages() {
        return new ArrayList<>(packages.values());
    }

    void addType(TypeRef ref, TypeDef def) {
        types.put(ref, def);
    }

    // ---- depth bounds (see WitLimits) -------------------------------------------------------------------

    private final Map<TypeRef, Integer> typeDepths = new HashMap<>();
    private final Map<TypeOwner, Integer> useDepths = new HashMap<>();

    /**
     * Records and returns how deeply {@code def} nests, counting through the named types it refers to
     * (linked before it, so their depth is known: no recursion along a chain of names).
     */
    int addTypeDepth(TypeRef ref, TypeDef def) {
        int depth = 1;
        if (def.kind() instanceof TypeDef.AliasDef a) {
            depth = 1 + depth(a.target()); // a chain of aliases (or of uses) is a chain too
        } else if (def.kind() instanceof TypeDef.RecordDef r) {
            depth = 1 + r.fields().stream().mapToInt(f -> depth(f.type())).max().orElse(0);
        } else if (def.kind() instanceof TypeDef.VariantDef v) {
            depth = 1 + v.cases().stream().mapToInt(c -> depth(c.type())).max().orElse(0);
        }
        typeDepths.put(ref, depth);
        return depth;
    }

    /** Depth of a type expression (itself bounded by the parser), named types by their recorded depth. */
    private int depth(WitType t) {
        if (t == null || t instanceof WitType.Primitive || t instanceof WitType.OwnHandle || t instanceof WitType.BorrowHandle) {
            return t == null ? 0 : 1;
        }
        if (t instanceof WitType.Named n) {
            return typeDepths.getOrDefault(n.ref(), 1);
        }
        if (t instanceof WitType.ListType l) {
            return 1 + depth(l.element());
        }
        if (t instanceof WitType.FixedListType l) {
            return 1 + depth(l.element());
        }
        if (t instanceof WitType.MapType m) {
            return 1 + Math.max(depth(m.key()), depth(m.value()));
        }
        if (t instanceof WitType.OptionType o) {
            return 1 + depth(o.inner());
        }
        if (t instanceof WitType.ResultType r) {
            return 1 + Math.max(depth(r.ok()), depth(r.err()));
        }
        if (t instanceof WitType.TupleType tu) {
            return 1 + tu.types().stream().mapToInt(this::depth).max().orElse(0);
        }
        if (t instanceof WitType.FutureType f) {
            return 1 + depth(f.inner());
        }
        return 1 + depth(((WitType.StreamType) t).inner());
    }

    /**
     * Records and returns the length of the longest chain of {@code use}s starting at an interface (1 for
     * one that uses nothing). Its dependencies are linked before it, so their lengths are known.
     */
    int addUseDepth(TypeOwner ref, WitInterface iface) {
        int depth = 1 + directDeps(ref, iface).stream().mapToInt(d -> useDepths.getOrDefault(d, 1)).max().orElse(0);
        useDepths.put(ref, depth);
        return depth;
    }

    TypeDef type(TypeRef ref) {
        return types.get(ref);
    }

    /** Registers an interface (named or inline) and its types. */
    void addInterface(TypeOwner ref, WitInterface iface) {
        interfaces.put(ref, iface);
        for (TypeDef t : iface.types()) {
            types.put(new TypeRef(ref, t.name()), t);
        }
    }

    WitInterface iface(TypeOwner ref) {
        return interfaces.get(ref);
    }

    void addWorld(TypeOwner.WorldRef ref, WitWorld world) {
        worlds.put(ref, world);
    }

    WitWorld world(TypeOwner.WorldRef ref) {
        return worlds.get(ref);
    }

    /** Whether {@code ref} is a resource, possibly through {@code type x = y} aliases. */
    boolean isResource(TypeRef ref) {
        TypeDef def = types.get(ref);
        while (def != null) {
            if (def.kind() instanceof TypeDef.ResourceDef) {
                return true;
            }
            if (def.kind() instanceof TypeDef.AliasDef a && a.target() instanceof WitType.Named n) {
                def = types.get(n.ref());
                continue;
            }
            return false;
        }
        return false;
    }

    /**
     * The named interfaces whose types {@code iface} uses, in the order of its types (may repeat). These
     * are the interfaces a world must import along with {@code iface}.
     */
    List<TypeOwner.InterfaceRef> directDeps(TypeOwner self, WitInterface iface) {
        List<TypeOwner.InterfaceRef> deps = new ArrayList<>();
        for (TypeDef t : iface.types()) {
            TypeOwner.InterfaceRef dep = useSource(self, t);
            if (dep != null) {
                deps.add(dep);
            }
        }
        return deps;
    }

    /** For a {@code use}d type: the interface it comes from; otherwise null. */
    static TypeOwner.InterfaceRef useSource(TypeOwner self, TypeDef t) {
        if (t.kind() instanceof TypeDef.AliasDef a && a.target() instanceof WitType.Named n
                && !n.ref().owner().equals(self) && n.ref().owner() instanceof TypeOwner.InterfaceRef i) {
            return i;
        }
        return null;
    }

    /** Whether a type contains a {@code borrow<T>}, looking through named types. */
    boolean hasBorrow(WitType type) {
        return hasBorrow(type, new HashMap<>());
    }

    private boolean hasBorrow(WitType type, Map<TypeRef, Boolean> seen) {
        if (type == null) {
            return false;
        }
        if (type instanceof WitType.BorrowHandle) {
            return true;
        }
        if (type instanceof WitType.Named n) {
            Boolean known = seen.get(n.ref());
            if (known != null) {
                return known;
            }
            seen.put(n.ref(), false);
            boolean result = defHasBorrow(types.get(n.ref()), seen);
            seen.put(n.ref(), result);
            return result;
        }
        if (type instanceof WitType.ListType l) {
            return hasBorrow(l.element(), seen);
        }
        if (type instanceof WitType.FixedListType l) {
            return hasBorrow(l.element(), seen);
        }
        if (type instanceof WitType.MapType m) {
            return hasBorrow(m.key(), seen) || hasBorrow(m.value(), seen);
        }
        if (type instanceof WitType.OptionType o) {
            return hasBorrow(o.inner(), seen);
        }
        if (type instanceof WitType.ResultType r) {
            return hasBorrow(r.ok(), seen) || hasBorrow(r.err(), seen);
        }
        if (type instanceof WitType.TupleType t) {
            return t.types().stream().anyMatch(x -> hasBorrow(x, seen));
        }
        if (type instanceof WitType.FutureType f) {
            return hasBorrow(f.inner(), seen);
        }
        if (type instanceof WitType.StreamType s) {
            return hasBorrow(s.inner(), seen);
        }
        return false;
    }

    private boolean defHasBorrow(TypeDef def, Map<TypeRef, Boolean> seen) {
        if (def == null) {
            return false;
        }
        if (def.kind() instanceof TypeDef.AliasDef a) {
            return hasBorrow(a.target(), seen);
        }
        if (def.kind() instanceof TypeDef.RecordDef r) {
            return r.fields().stream().anyMatch(f -> hasBorrow(f.type(), seen));
        }
        if (def.kind() instanceof TypeDef.VariantDef v) {
            return v.cases().stream().anyMatch(c -> hasBorrow(c.type(), seen));
        }
        return false;
    }
}
