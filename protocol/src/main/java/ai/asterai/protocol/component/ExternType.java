package ai.asterai.protocol.component;

/** What an import or export is ({@code externtype}): each refers to a type index of its sort. */
public sealed interface ExternType {

    /** The sort of the definition this extern type describes. */
    Sort sort();

    /** {@code (core module (type i))}: {@code i} in the core type index space. */
    record CoreModule(long coreTypeIndex) implements ExternType {
        public Sort sort() {
            return Sort.CORE_MODULE;
        }
    }

    record Func(long typeIndex) implements ExternType {
        public Sort sort() {
            return Sort.FUNC;
        }
    }

    /** {@code (value t)} or {@code (value (eq i))}. */
    record Value(ComponentType.ValType type, Long eqValue) implements ExternType {
        public Sort sort() {
            return Sort.VALUE;
        }
    }

    /** {@code (type (eq i))}. */
    record TypeEq(long typeIndex) implements ExternType {
        public Sort sort() {
            return Sort.TYPE;
        }
    }

    /** {@code (type (sub resource))}: a fresh abstract resource type. */
    record TypeSubResource() implements ExternType {
        public Sort sort() {
            return Sort.TYPE;
        }
    }

    record Component(long typeIndex) implements ExternType {
        public Sort sort() {
            return Sort.COMPONENT;
        }
    }

    record Instance(long typeIndex) implements ExternType {
        public Sort sort() {
            return Sort.INSTANCE;
        }
    }
}
