package ai.asterai.protocol.component;

import java.util.List;

/** Core WebAssembly types as components use them: function types and module types. */
public sealed interface CoreType {

    /** A core value type; reference types other than funcref/externref are kept as {@link #REF}. */
    enum ValType {
        I32, I64, F32, F64, V128, FUNCREF, EXTERNREF, EXNREF, REF;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code (func (param ...) (result ...))}. */
    record Func(List<ValType> params, List<ValType> results) implements CoreType {
        public Func {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        @Override
        public String toString() {
            return "(func " + params + " -> " + results + ")";
        }
    }

    /** {@code (module decl*)}: a module's imports and exports, with its own core type index space. */
    record Module(List<ModuleDecl> decls) implements CoreType {
        public Module {
            decls = List.copyOf(decls);
        }
    }

    /** A declarator of a module type. */
    sealed interface ModuleDecl {
    }

    record ImportDecl(String module, String name, CoreExtern type) implements ModuleDecl {
    }

    record TypeDecl(CoreType type) implements ModuleDecl {
    }

    /** {@code (alias outer ct idx (type))}. */
    record OuterAliasDecl(long count, long index) implements ModuleDecl {
    }

    record ExportDecl(String name, CoreExtern type) implements ModuleDecl {
    }

    /** What a core import or export is: func by type index, table, memory, global, tag. */
    sealed interface CoreExtern {
    }

    record FuncExtern(long typeIndex) implements CoreExtern {
    }

    record TableExtern(ValType element, long min, Long max) implements CoreExtern {
    }

    record MemoryExtern(boolean memory64, boolean shared, long min, Long max) implements CoreExtern {
    }

    record GlobalExtern(ValType type, boolean mutable) implements CoreExtern {
    }

    record TagExtern(long typeIndex) implements CoreExtern {
    }
}
