package ai.asterai.protocol.wit.model;

/** Where a named type is defined: a package interface, a world, or an interface declared inline in a world. */
public sealed interface TypeOwner permits TypeOwner.InterfaceRef, TypeOwner.WorldRef, TypeOwner.InlineInterfaceRef {

    /** A named interface of a package; {@link #id()} is its component name {@code ns:pkg/name@version}. */
    record InterfaceRef(WitPackageName pkg, String name) implements TypeOwner {
        public String id() {
            return pkg.qualify(name);
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /** A world of a package (for types declared directly in the world). */
    record WorldRef(WitPackageName pkg, String name) implements TypeOwner {
        @Override
        public String toString() {
            return pkg.qualify(name);
        }
    }

    /** An {@code import name: interface { .. }} (or export) of a world. */
    record InlineInterfaceRef(WorldRef world, boolean export, String name) implements TypeOwner {
        @Override
        public String toString() {
            return world + (export ? "#export:" : "#import:") + name;
        }
    }
}
