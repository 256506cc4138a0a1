package ai.asterai.protocol.component;

import java.util.List;
import java.util.Optional;

/**
 * The component-level type definitions ({@code deftype} of the binary format): value types, function
 * types, component and instance types, resource types. Types refer to each other by index in the
 * type index space of the scope they are defined in (a component, a component type or an instance
 * type), exactly as the binary does; {@link ComponentValidator} resolves them.
 */
public sealed interface ComponentType {

    /** A value type at a use site: a primitive or an index into the type index space. */
    sealed interface ValType {
    }

    /** A defined value type ({@code defvaltype}). */
    sealed interface DefValType extends ComponentType {
    }

    /** The primitive value types; each is both a use-site and a defined value type. */
    enum Primitive implements ValType, DefValType {
        BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A reference to the type index space. */
    record TypeIndex(long index) implements ValType {
        @Override
        public String toString() {
            return "type " + index;
        }
    }

    record Field(String label, ValType type) {
    }

    /** A variant case; {@code type} is empty for a case without payload. */
    record Case(String label, Optional<ValType> type) {
    }

    record Record(List<Field> fields) implements DefValType {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    record Variant(List<Case> cases) implements DefValType {
        public Variant {
            cases = List.copyOf(cases);
        }
    }

    /** {@code list<t>}, or the fixed-size {@code list<t, n>} when {@code length} is present. */
    record ListType(ValType element, Optional<Long> length) implements DefValType {
    }

    record Tuple(List<ValType> types) implements DefValType {
        public Tuple {
            types = List.copyOf(types);
        }
    }

    record Flags(List<String> labels) implements DefValType {
        public Flags {
            labels = List.copyOf(labels);
        }
    }

    record Enum(List<String> labels) implements DefValType {
        public Enum {
            labels = List.copyOf(labels);
        }
    }

    record OptionType(ValType type) implements DefValType {
    }

    record Result(Optional<ValType> ok, Optional<ValType> error) implements DefValType {
    }

    /** {@code own<r>}: {@code resource} is a type index that must name a resource type. */
    record Own(long resource) implements DefValType {
    }

    /** {@code borrow<r>}. */
    record Borrow(long resource) implements DefValType {
    }

    record Param(String label, ValType type) {
    }

    /** {@code (func (param ...) (result t)?)}; the binary allows one unnamed result or none. */
    record Func(List<Param> params, Optional<ValType> result) implements ComponentType {
        public Func {
            params = List.copyOf(params);
        }
    }

    /** {@code (resource (rep i32) (dtor f)?)}: only in a component, never in a component or instance type. */
    record Resource(CoreType.ValType rep, Optional<Long> destructor) implements ComponentType {
    }

    /** {@code (component decl*)}. */
    record ComponentTypeDef(List<Decl> decls) implements ComponentType {
        public ComponentTypeDef {
            decls = List.copyOf(decls);
        }
    }

    /** {@code (instance decl*)}. */
    record InstanceTypeDef(List<Decl> decls) implements ComponentType {
        public InstanceTypeDef {
            decls = List.copyOf(decls);
        }
    }

    /** A declarator of a component or instance type (imports only in component types). */
    sealed interface Decl {
        long offset();
    }

    record CoreTypeDecl(long offset, CoreType type) implements Decl {
    }

    record TypeDecl(long offset, ComponentType type) implements Decl {
    }

    record AliasDecl(long offset, Alias alias) implements Decl {
    }

    record ImportDecl(long offset, ExternName name, ExternType type) implements Decl {
    }

    record ExportDecl(long offset, ExternName name, ExternType type) implements Decl {
    }
}
