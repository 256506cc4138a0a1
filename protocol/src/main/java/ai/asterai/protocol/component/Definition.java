package ai.asterai.protocol.component;

import java.util.List;
import java.util.Optional;

/**
 * One definition of a component, in binary order. Each (except custom sections) appends entries to
 * index spaces: see {@link Component#indexSpace(Sort)}. {@code offset} is where the definition starts
 * in the outermost binary.
 */
public sealed interface Definition {
    long offset();

    /** A custom section, kept as its name and the byte range of its contents (name section included). */
    record Custom(long offset, String name, long contentStart, long contentLength) implements Definition {
    }

    /**
     * An embedded core module: the byte range of the complete module (header included) in the
     * outermost binary, structurally checked by {@code WasmBinary}, and what the component model needs
     * of it (types, imports, exports).
     */
    record CoreModule(long offset, long start, long length, CoreModuleInfo info) implements Definition {
    }

    /** {@code (core instance (instantiate m (with "name" (instance i))*))}. */
    record CoreInstantiate(long offset, long module, List<CoreInstantiateArg> args) implements Definition {
        public CoreInstantiate {
            args = List.copyOf(args);
        }
    }

    record CoreInstantiateArg(String name, long instance) {
    }

    /** {@code (core instance (export "name" (sort idx))*)}: a core instance made of existing items. */
    record CoreInlineInstance(long offset, List<CoreInlineExport> exports) implements Definition {
        public CoreInlineInstance {
            exports = List.copyOf(exports);
        }
    }

    record CoreInlineExport(String name, Sort sort, long index) {
    }

    record CoreTypeDefinition(long offset, CoreType type) implements Definition {
    }

    /** A nested component. */
    record NestedComponent(long offset, Component component) implements Definition {
    }

    /** {@code (instance (instantiate c (with "name" (sort idx))*))}. */
    record Instantiate(long offset, long component, List<InstantiateArg> args) implements Definition {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    record InstantiateArg(String name, Sort sort, long index) {
    }

    /** {@code (instance (export "name" (sort idx))*)}. */
    record InlineInstance(long offset, List<InlineExport> exports) implements Definition {
        public InlineInstance {
            exports = List.copyOf(exports);
        }
    }

    record InlineExport(ExternName name, Sort sort, long index) {
    }

    record AliasDefinition(long offset, Alias alias) implements Definition {
    }

    record TypeDefinition(long offset, ComponentType type) implements Definition {
    }

    /** {@code string-encoding} canon option. */
    enum StringEncoding { UTF8, UTF16, LATIN1_UTF16 }

    /** The options of a canon lift or lower; absent ones are empty. */
    record CanonOptions(Optional<StringEncoding> encoding, Optional<Long> memory, Optional<Long> realloc,
                        Optional<Long> postReturn) {
        public static final CanonOptions NONE = new CanonOptions(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        public StringEncoding stringEncoding() {
            return encoding.orElse(StringEncoding.UTF8);
        }
    }

    /** A {@code canon} definition. */
    sealed interface Canon extends Definition {
    }

    /** {@code (canon lift (core func f) opts (type ft))}: defines a component func. */
    record CanonLift(long offset, long coreFunc, CanonOptions options, long typeIndex) implements Canon {
    }

    /** {@code (canon lower (func f) opts)}: defines a core func. */
    record CanonLower(long offset, long func, CanonOptions options) implements Canon {
    }

    /** {@code (canon resource.new t)}: core func {@code (i32) -> i32}. */
    record ResourceNew(long offset, long resource) implements Canon {
    }

    /** {@code (canon resource.drop t)}: core func {@code (i32) -> ()}. */
    record ResourceDrop(long offset, long resource) implements Canon {
    }

    /** {@code (canon resource.rep t)}: core func {@code (i32) -> i32}. */
    record ResourceRep(long offset, long resource) implements Canon {
    }

    /** {@code (start f (value a)* (result (value))*)}. */
    record Start(long offset, long func, List<Long> args, long results) implements Definition {
        public Start {
            args = List.copyOf(args);
        }
    }

    record Import(long offset, ExternName name, ExternType type) implements Definition {
    }

    /** {@code (export "name" (sort idx) (type)?)}: the export also appends an entry to its sort's space. */
    record Export(long offset, ExternName name, Sort sort, long index, Optional<ExternType> type) implements Definition {
    }
}
