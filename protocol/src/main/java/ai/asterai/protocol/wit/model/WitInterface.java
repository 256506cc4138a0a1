package ai.asterai.protocol.wit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An interface: its named types (including {@code use}d ones) in dependency order and its functions
 * (freestanding and resource functions) in declaration order. {@code name} is null for an interface
 * declared inline in a world ({@code import x: interface { .. }}).
 */
public record WitInterface(String name, String docs, Gate gate, List<TypeDef> types, List<WitFunction> functions) {
    public WitInterface {
        Objects.requireNonNull(gate, "gate");
        types = List.copyOf(types);
        functions = List.copyOf(functions);
    }

    public Optional<TypeDef> findType(String typeName) {
        return types.stream().filter(t -> t.name().equals(typeName)).findFirst();
    }

    /** Looks a function up by its qualified name ({@code f}, {@code [method]r.f}, ...). */
    public Optional<WitFunction> findFunction(String qualifiedName) {
        return functions.stream().filter(f -> f.qualifiedName().equals(qualifiedName)).findFirst();
    }

    public List<WitFunction> freestandingFunctions() {
        return functions.stream().filter(f -> f.kind() == FunctionKind.FREESTANDING).toList();
    }
}
