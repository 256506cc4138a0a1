package ai.asterai.protocol.wit;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders resolved packages: each after the packages its model refers to, otherwise by name. Derived
 * from the model alone (not from how the sources were written), so equal models list packages in the
 * same order, which keeps printed-and-reread resolutions equal.
 */
final class PackageOrder {
    private PackageOrder() {
    }

    static List<WitPackage> sort(List<WitPackage> packages, Comparator<WitPackageName> byName) {
        Map<WitPackageName, WitPackage> named = new LinkedHashMap<>();
        packages.stream().sorted(Comparator.comparing(WitPackage::name, byName)).forEach(p -> named.put(p.name(), p));
        Set<WitPackageName> done = new LinkedHashSet<>();
        for (WitPackage p : named.values()) {
            visit(p, named, byName, done);
        }
        List<WitPackage> out = new ArrayList<>();
        done.forEach(n -> out.add(named.get(n)));
        return out;
    }

    private static void visit(WitPackage p, Map<WitPackageName, WitPackage> named, Comparator<WitPackageName> byName,
                              Set<WitPackageName> done) {
        if (done.contains(p.name())) {
            return;
        }
        Set<WitPackageName> deps = new java.util.TreeSet<>(byName);
        references(p, deps);
        deps.remove(p.name());
        for (WitPackageName dep : deps) {
            WitPackage d = named.get(dep);
            if (d != null) {
                visit(d, named, byName, done);
            }
        }
        done.add(p.name());
    }

    private static void references(WitPackage p, Set<WitPackageName> out) {
        for (WitInterface i : p.interfaces()) {
            references(i, out);
        }
        for (WitWorld w : p.worlds()) {
            for (List<WorldItem> items : List.of(w.imports(), w.exports())) {
                for (WorldItem item : items) {
                    if (item instanceof WorldItem.InterfaceItem i) {
                        out.add(i.iface().pkg());
                    } else if (item instanceof WorldItem.InlineInterfaceItem inline) {
                        references(inline.iface(), out);
                    } else if (item instanceof WorldItem.FunctionItem f) {
                        references(f.function(), out);
                    } else {
                        references(((WorldItem.TypeItem) item).type(), out);
                    }
                }
            }
        }
    }

    private static void references(WitInterface iface, Set<WitPackageName> out) {
        iface.types().forEach(t -> references(t, out));
        iface.functions().forEach(f -> references(f, out));
    }

    private static void references(TypeDef t, Set<WitPackageName> out) {
        if (t.kind() instanceof TypeDef.AliasDef a) {
            references(a.target(), out);
        } else if (t.kind() instanceof TypeDef.RecordDef r) {
            r.fields().forEach(f -> references(f.type(), out));
        } else if (t.kind() instanceof TypeDef.VariantDef v) {
            v.cases().forEach(c -> references(c.type(), out));
        }
    }

    private static void references(WitFunction f, Set<WitPackageName> out) {
        f.params().forEach(p -> references(p.type(), out));
        references(f.result(), out);
    }

    private static void references(WitType t, Set<WitPackageName> out) {
        if (t instanceof WitType.Named n) {
            add(n.ref(), out);
        } else if (t instanceof WitType.OwnHandle o) {
            add(o.resource(), out);
        } else if (t instanceof WitType.BorrowHandle b) {
            add(b.resource(), out);
        } else if (t instanceof WitType.ListType l) {
            references(l.element(), out);
        } else if (t instanceof WitType.FixedListType l) {
            references(l.element(), out);
        } else if (t instanceof WitType.MapType m) {
            references(m.key(), out);
            references(m.value(), out);
        } else if (t instanceof WitType.OptionType o) {
            references(o.inner(), out);
        } else if (t instanceof WitType.ResultType r) {
            references(r.ok(), out);
            references(r.err(), out);
        } else if (t instanceof WitType.TupleType tu) {
            tu.types().forEach(x -> references(x, out));
        } else if (t instanceof WitType.FutureType f) {
            references(f.inner(), out);
        } else if (t instanceof WitType.StreamType s) {
            references(s.inner(), out);
        }
    }

    private static void add(TypeRef ref, Set<WitPackageName> out) {
        TypeOwner owner = ref.owner();
        if (owner instanceof TypeOwner.InterfaceRef i) {
            out.add(i.pkg());
        } else if (owner instanceof TypeOwner.WorldRef w) {
            out.add(w.pkg());
        } else {
            out.add(((TypeOwner.InlineInterfaceRef) owner).world().pkg());
        }
    }
}
