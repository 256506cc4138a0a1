package ai.asterai.protocol.wit;

import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.WitPackageName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The packages taking part in one resolution: parses groups of files into drafts, fetches missing
 * packages from a {@link DepsProvider}, orders packages so dependencies come first (rejecting cycles)
 * and links them in that order.
 */
final class Workspace {
    /** Packages are visited by name, then version, so that results do not depend on file order. */
    private static final Comparator<WitPackageName> ORDER = Comparator.comparing(WitPackageName::namespace)
            .thenComparing(WitPackageName::name)
            .thenComparing(n -> n.version() == null ? null : Version.parse(n.version()),
                    Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Set<String> features;
    private final DepsProvider provider;
    private final Map<WitPackageName, Draft.Package> drafts = new TreeMap<>(ORDER);
    private final Set<WitPackageName> requested = new HashSet<>();

    Workspace(Set<String> features, DepsProvider provider) {
        this.features = Set.copyOf(features);
        this.provider = provider == null ? DepsProvider.NONE : provider;
    }

    /**
     * Parses the files of one package (plus the packages nested in them) and adds them. Returns the name
     * of the package the files declare. {@code where} locates "no package header" when there are no files.
     */
    WitPackageName addGroup(List<SourceFile> files, SourceFile where) {
        List<Draft.Package> parsed = new ArrayList<>();
        List<PackageResolver.FileItems> items = new ArrayList<>();
        Ast.PackageName header = null;
        Ast.Docs headerDocs = Ast.Docs.NONE;
        for (SourceFile file : files) {
            Ast.File ast = Parser.parse(file);
            List<Ast.Item> own = new ArrayList<>();
            for (Ast.Item item : ast.items()) {
                if (item instanceof Ast.NestedPackage nested) {
                    for (Ast.Item inner : nested.items()) {
                        if (inner instanceof Ast.NestedPackage deeper) {
                            throw deeper.name().span().error("nested packages must be placed at the top-level");
                        }
                    }
                    parsed.add(PackageResolver.resolve(new PackageResolver.Unit(nested.name(),
                            List.of(new PackageResolver.FileItems(file, nested.items())))));
                } else {
                    own.add(item);
                }
            }
            Ast.PackageName h = ast.header();
            if (h != null) {
                if (header != null && !header.toName().equals(h.toName())) {
                    throw h.span().error("package identifier `" + h.toName() + "` does not match previous package "
                            + "name of `" + header.toName() + "`");
                }
                if (!h.docs().isEmpty()) {
                    if (!headerDocs.isEmpty()) {
                        throw h.docs().span().error("found doc comments on multiple 'package' items");
                    }
                    headerDocs = h.docs();
                }
                header = h;
            }
            items.add(new PackageResolver.FileItems(file, own));
        }
        if (header == null) {
            SourceFile at = files.isEmpty() ? where : files.get(0);
            throw at.error(0, "no `package` header was found in any WIT file for this package");
        }
        Ast.PackageName name = new Ast.PackageName(headerDocs, header.span(), header.namespace(), header.name(),
                header.version());
        parsed.add(PackageResolver.resolve(new PackageResolver.Unit(name, items)));
        for (Draft.Package p : parsed) {
            Draft.Package previous = drafts.putIfAbsent(p.name, p);
            if (previous != null) {
                throw p.nameSpan.error("package `" + p.name + "` is defined in two different locations");
            }
        }
        return name.toName();
    }

    /** Orders and links every package; {@code main} is the one the caller asked for. */
    ResolvedWit link(WitPackageName main) {
        Set<WitPackageName> order = new LinkedHashSet<>();
        while (true) {
            Draft.Package next = null;
            for (Draft.Package p : drafts.values()) {
                if (!order.contains(p.name)) {
                    next = p;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            visit(next, order, new HashSet<>(), 1);
        }
        Registry registry = new Registry();
        for (WitPackageName name : order) {
            Linker.link(drafts.get(name), registry, features);
        }
        return new ResolvedWit(main, PackageOrder.sort(registry.packages(), ORDER));
    }

    private void visit(Draft.Package pkg, Set<WitPackageName> order, Set<WitPackageName> visiting, int depth) {
        if (order.contains(pkg.name)) {
            return;
        }
        for (Map.Entry<WitPackageName, Draft.ForeignPackage> dep : pkg.foreign.entrySet()) {
            if (!visiting.add(dep.getKey())) {
                throw dep.getValue().span.error("package `" + dep.getKey() + "` creates a dependency cycle");
            }
            if (depth >= WitLimits.MAX_PACKAGE_CHAIN) {
                throw dep.getValue().span.error("package `" + pkg.name + "` depending on `" + dep.getKey()
                        + "` makes a chain of more than " + WitLimits.MAX_PACKAGE_CHAIN
                        + " packages, each depending on the next (the limit is " + WitLimits.MAX_PACKAGE_CHAIN + ")");
            }
            Draft.Package depDraft = drafts.get(dep.getKey());
            if (depDraft == null) {
                depDraft = load(dep.getKey());
            }
            if (depDraft != null) {
                visit(depDraft, order, visiting, depth + 1);
            }
            visiting.remove(dep.getKey());
        }
        order.add(pkg.name);
    }

    /** Asks the provider for a package that no file defines; null when it does not know it either. */
    private Draft.Package load(WitPackageName name) {
        if (!requested.add(name)) {
            return null;
        }
        String text = provider.load(name);
        if (text == null) {
            return null;
        }
        SourceFile file = new SourceFile("deps/" + name + ".wit", text);
        WitPackageName declared = addGroup(List.of(file), file);
        Draft.Package found = drafts.get(name);
        if (found == null) {
            throw file.error(0, "WIT supplied for package `" + name + "` declares package `" + declared + "`");
        }
        return found;
    }

}
