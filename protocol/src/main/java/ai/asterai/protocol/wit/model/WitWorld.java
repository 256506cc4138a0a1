package ai.asterai.protocol.wit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A world after elaboration: includes are merged in, and every interface an import or export depends on
 * through {@code use} is listed as an import. Imports come in this order: interfaces, types, functions.
 */
public record WitWorld(String name, String docs, Gate gate, List<WorldItem> imports, List<WorldItem> exports) {
    public WitWorld {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gate, "gate");
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
    }

    /** Ids ({@code ns:pkg/iface@version}) of the named interfaces this world imports, labelled ones included. */
    public List<String> importedInterfaceIds() {
        return interfaceIds(imports);
    }

    /** Ids ({@code ns:pkg/iface@version}) of the named interfaces this world exports, labelled ones included. */
    public List<String> exportedInterfaceIds() {
        return interfaceIds(exports);
    }

    /** Functions imported directly by the world (not resource functions). */
    public List<WitFunction> importedFunctions() {
        return functions(imports);
    }

    /** Functions exported directly by the world. */
    public List<WitFunction> exportedFunctions() {
        return functions(exports);
    }

    public Optional<WorldItem> findImport(String key) {
        return imports.stream().filter(i -> i.key().equals(key)).findFirst();
    }

    public Optional<WorldItem> findExport(String key) {
        return exports.stream().filter(i -> i.key().equals(key)).findFirst();
    }

    private static List<String> interfaceIds(List<WorldItem> items) {
        return items.stream().filter(i -> i instanceof WorldItem.InterfaceItem)
                .map(i -> ((WorldItem.InterfaceItem) i).iface().id()).distinct().toList();
    }

    private static List<WitFunction> functions(List<WorldItem> items) {
        return items.stream().filter(i -> i instanceof WorldItem.FunctionItem)
                .map(i -> ((WorldItem.FunctionItem) i).function())
                .filter(f -> f.kind() == FunctionKind.FREESTANDING).toList();
    }
}
