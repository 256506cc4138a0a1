package ai.asterai.protocol.component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Types after resolution: indices replaced by what they name, resources by their identity. The
 * validator compares these; {@code size} (nodes of the type seen as a tree) is kept on each so a
 * binary cannot make comparisons exponential (types share subtrees through indices).
 */
final class Resolved {
    private Resolved() {
    }

    /** The bound on a type's tree size, as wasmparser's "effective type size". */
    static final int MAX_TYPE_SIZE = 1_000_000;

    /**
     * A resource type. Each import or export of a resource introduces a new {@code Res} (its
     * externally visible name) whose {@link #root} is the resource itself: type equality compares
     * roots, visibility compares the objects.
     */
    static final class Res {
        final boolean local;
        final Object owner; // the scope that defined it (local) or declared it (abstract)
        final boolean inType; // declared by (sub resource) inside a component or instance type
        final String label;
        private final Res root;

        Res(boolean local, Object owner, boolean inType, String label) {
            this.local = local;
            this.owner = owner;
            this.inType = inType;
            this.label = label;
            this.root = this;
        }

        private Res(Res of, String label) {
            this.local = of.local;
            this.owner = of.owner;
            this.inType = of.inType;
            this.label = label;
            this.root = of.root;
        }

        /** A new name for the same resource. */
        Res named(String label) {
            return new Res(this, label);
        }

        Res root() {
            return root;
        }

        @Override
        public String toString() {
            return "resource" + (label == null ? "" : " " + label);
        }
    }

    sealed interface VT {
        int size();
    }

    record Prim(ComponentType.Primitive p) implements VT {
        public int size() {
            return 1;
        }

        @Override
        public String toString() {
            return p.toString();
        }
    }

    record RecordV(List<String> labels, List<VT> types, int size) implements VT {
    }

    record VariantV(List<String> labels, List<Optional<VT>> types, int size) implements VT {
    }

    record ListV(VT element, long length, int size) implements VT {
    }

    record TupleV(List<VT> types, int size) implements VT {
    }

    record FlagsV(List<String> labels, int size) implements VT {
    }

    record EnumV(List<String> labels, int size) implements VT {
    }

    record OptionV(VT type, int size) implements VT {
    }

    record ResultV(Optional<VT> ok, Optional<VT> error, int size) implements VT {
    }

    record OwnV(Res resource) implements VT {
        public int size() {
            return 1;
        }
    }

    record BorrowV(Res resource) implements VT {
        public int size() {
            return 1;
        }
    }

    /** An entry of a type index space. */
    sealed interface T {
        int size();
    }

    record ValT(VT type) implements T {
        public int size() {
            return type.size();
        }
    }

    record FuncT(List<String> names, List<VT> params, Optional<VT> result, int size) implements T {
    }

    record ResT(Res resource) implements T {
        public int size() {
            return 1;
        }
    }

    record CompT(Map<String, Ext> imports, Map<String, Ext> exports, int size) implements T {
    }

    record InstT(Map<String, Ext> exports, int size) implements T {
    }

    /** The type of an import, export or instance item. */
    sealed interface Ext {
        Sort sort();

        int size();
    }

    record ModuleE(CoreModuleT type) implements Ext {
        public Sort sort() {
            return Sort.CORE_MODULE;
        }

        public int size() {
            return type.size();
        }
    }

    record FuncE(FuncT type) implements Ext {
        public Sort sort() {
            return Sort.FUNC;
        }

        public int size() {
            return type.size();
        }
    }

    record ValueE(VT type) implements Ext {
        public Sort sort() {
            return Sort.VALUE;
        }

        public int size() {
            return type.size();
        }
    }

    record TypeE(T type) implements Ext {
        public Sort sort() {
            return Sort.TYPE;
        }

        public int size() {
            return type.size();
        }
    }

    record CompE(CompT type) implements Ext {
        public Sort sort() {
            return Sort.COMPONENT;
        }

        public int size() {
            return type.size();
        }
    }

    record InstE(InstT type) implements Ext {
        public Sort sort() {
            return Sort.INSTANCE;
        }

        public int size() {
            return type.size();
        }
    }

    /** A core item: func (its type), table, memory, global or tag. */
    sealed interface CoreE {
        Sort sort();
    }

    record CFunc(CoreType.Func type) implements CoreE {
        public Sort sort() {
            return Sort.CORE_FUNC;
        }
    }

    record CTable(CoreType.TableExtern type) implements CoreE {
        public Sort sort() {
            return Sort.CORE_TABLE;
        }
    }

    record CMemory(CoreType.MemoryExtern type) implements CoreE {
        public Sort sort() {
            return Sort.CORE_MEMORY;
        }
    }

    record CGlobal(CoreType.GlobalExtern type) implements CoreE {
        public Sort sort() {
            return Sort.CORE_GLOBAL;
        }
    }

    record CTag(CoreType.Func type) implements CoreE {
        public Sort sort() {
            return Sort.CORE_TAG;
        }
    }

    record CImport(String module, String name, CoreE type) {
    }

    record CoreModuleT(List<CImport> imports, Map<String, CoreE> exports) {
        int size() {
            return 1 + imports.size() + exports.size();
        }
    }
}
