package ai.asterai.protocol.wit.model;

import java.util.List;
import java.util.Objects;

/** A named type of an interface or world: {@code type}, {@code record}, {@code variant}, ..., or a {@code use}. */
public record TypeDef(String name, TypeDefKind kind, String docs, Gate gate) {
    public TypeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(gate, "gate");
    }

    /** What a named type is. A {@code use} is an {@link AliasDef} whose target lives in another owner. */
    public sealed interface TypeDefKind permits AliasDef, RecordDef, VariantDef, EnumDef, FlagsDef, ResourceDef {
        /** The WIT keyword of this kind ({@code type} for aliases). */
        String keyword();
    }

    /** {@code type name = target;} or a {@code use} of {@code target}'s named type. */
    public record AliasDef(WitType target) implements TypeDefKind {
        public String keyword() {
            return "type";
        }
    }

    public record RecordDef(List<Field> fields) implements TypeDefKind {
        public RecordDef {
            fields = List.copyOf(fields);
        }

        public String keyword() {
            return "record";
        }
    }

    public record VariantDef(List<Case> cases) implements TypeDefKind {
        public VariantDef {
            cases = List.copyOf(cases);
        }

        public String keyword() {
            return "variant";
        }
    }

    public record EnumDef(List<EnumCase> cases) implements TypeDefKind {
        public EnumDef {
            cases = List.copyOf(cases);
        }

        public String keyword() {
            return "enum";
        }
    }

    public record FlagsDef(List<Flag> flags) implements TypeDefKind {
        public FlagsDef {
            flags = List.copyOf(flags);
        }

        public String keyword() {
            return "flags";
        }
    }

    /** A resource; its constructor, methods and static functions are functions of the same owner. */
    public record ResourceDef() implements TypeDefKind {
        public String keyword() {
            return "resource";
        }
    }

    public record Field(String name, WitType type, String docs) {
    }

    /** A variant case; {@code type} is null for a case without payload. */
    public record Case(String name, WitType type, String docs) {
    }

    public record EnumCase(String name, String docs) {
    }

    public record Flag(String name, String docs) {
    }
}
