package ai.asterai.protocol.wit.model;

import java.util.Objects;

/**
 * One import or export of a world. {@link #key()} is the item's component-level name: the interface id
 * for {@code import ns:pkg/iface;}, otherwise the plain name.
 */
public sealed interface WorldItem permits WorldItem.InterfaceItem, WorldItem.InlineInterfaceItem,
        WorldItem.FunctionItem, WorldItem.TypeItem {

    String key();

    Gate gate();

    /**
     * A named interface, either keyed by its id ({@code import wasi:io/streams;}, {@code label} null) or
     * under a plain name that implements it ({@code import primary: wasi:keyvalue/store;}).
     */
    record InterfaceItem(String label, TypeOwner.InterfaceRef iface, String docs, Gate gate) implements WorldItem {
        public InterfaceItem {
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(gate, "gate");
        }

        public String key() {
            return label != null ? label : iface.id();
        }
    }

    /** {@code import name: interface { .. }}; docs and gate are those of {@code iface}. */
    record InlineInterfaceItem(String name, WitInterface iface) implements WorldItem {
        public String key() {
            return name;
        }

        public Gate gate() {
            return iface.gate();
        }
    }

    /** A function imported or exported directly ({@code import f: func();}) or of a world-level resource. */
    record FunctionItem(WitFunction function) implements WorldItem {
        public String key() {
            return function.qualifiedName();
        }

        public Gate gate() {
            return function.gate();
        }
    }

    /** A type declared in or {@code use}d into a world; always an import. */
    record TypeItem(TypeDef type) implements WorldItem {
        public String key() {
            return type.name();
        }

        public Gate gate() {
            return type.gate();
        }
    }
}
