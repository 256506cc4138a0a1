package ai.asterai.protocol.wit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of resolving a WIT package: the main package and every package it was resolved with,
 * dependencies before their dependents. Immutable; equal inputs give equal values.
 */
public record ResolvedWit(WitPackageName main, List<WitPackage> packages) {
    public ResolvedWit {
        Objects.requireNonNull(main, "main");
        packages = List.copyOf(packages);
        if (packages.stream().noneMatch(p -> p.name().equals(main))) {
            throw new IllegalArgumentException("main package " + main + " is not among the packages");
        }
    }

    public WitPackage mainPackage() {
        return findPackage(main).orElseThrow();
    }

    public Optional<WitPackage> findPackage(WitPackageName name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<WitInterface> findInterface(TypeOwner.InterfaceRef ref) {
        return findPackage(ref.pkg()).flatMap(p -> p.findInterface(ref.name()));
    }

    /** Finds a named interface by its id, e.g. {@code wasi:io/streams@0.2.0}. */
    public Optional<WitInterface> findInterface(String id) {
        for (WitPackage p : packages) {
            for (WitInterface i : p.interfaces()) {
                if (p.name().qualify(i.name()).equals(id)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /** Finds a world by its id, e.g. {@code asterai:calculator/calculator@0.1.0}. */
    public Optional<WitWorld> findWorld(String id) {
        for (WitPackage p : packages) {
            for (WitWorld w : p.worlds()) {
                if (p.name().qualify(w.name()).equals(id)) {
                    return Optional.of(w);
                }
            }
        }
        return Optional.empty();
    }

    public Optional<WitWorld> findWorld(TypeOwner.WorldRef ref) {
        return findPackage(ref.pkg()).flatMap(p -> p.findWorld(ref.name()));
    }

    /** The interface that owns types of {@code owner}, or empty for a world owner. */
    public Optional<WitInterface> findOwnerInterface(TypeOwner owner) {
        if (owner instanceof TypeOwner.InterfaceRef i) {
            return findInterface(i);
        }
        if (owner instanceof TypeOwner.InlineInterfaceRef inline) {
            return findWorld(inline.world()).flatMap(w -> (inline.export() ? w.exports() : w.imports()).stream()
                    .filter(item -> item instanceof WorldItem.InlineInterfaceItem && item.key().equals(inline.name()))
                    .map(item -> ((WorldItem.InlineInterfaceItem) item).iface())
                    .findFirst());
        }
        return Optional.empty();
    }

    /** The definition a reference points to. */
    public Optional<TypeDef> typeDef(TypeRef ref) {
        if (ref.owner() instanceof TypeOwner.WorldRef w) {
            return findWorld(w).flatMap(world -> world.imports().stream()
                    .filter(i -> i instanceof WorldItem.TypeItem && i.key().equals(ref.name()))
                    .map(i -> ((WorldItem.TypeItem) i).type())
                    .findFirst());
        }
        return findOwnerInterface(ref.owner()).flatMap(i -> i.findType(ref.name()));
    }
}
