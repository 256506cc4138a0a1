package ai.asterai.protocol.wit.model;

import java.util.List;
import java.util.Objects;

/**
 * A function of an interface or world.
 *
 * <p>{@code name} is the name as declared ({@code constructor} for constructors); {@link #qualifiedName()}
 * is the component-model name ({@code [method]r.name}, {@code [static]r.name}, {@code [constructor]r}).
 * {@code resource} is null for freestanding functions. The implicit {@code self: borrow<r>} of a method is
 * not listed in {@code params}. {@code result} is null when the function returns nothing, and also for a
 * constructor without declared result (which returns {@code own<r>}).
 */
public record WitFunction(String name, FunctionKind kind, TypeRef resource, boolean async, List<Param> params,
                          WitType result, String docs, Gate gate) {
    public WitFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(gate, "gate");
        params = List.copyOf(params);
        if ((kind == FunctionKind.FREESTANDING) != (resource == null)) {
            throw new IllegalArgumentException("only resource functions name a resource");
        }
    }

    public String qualifiedName() {
        return switch (kind) {
            case FREESTANDING -> name;
            case METHOD -> "[method]" + resource.name() + "." + name;
            case STATIC -> "[static]" + resource.name() + "." + name;
            case CONSTRUCTOR -> "[constructor]" + resource.name();
        };
    }

    public record Param(String name, WitType type) {
    }
}
