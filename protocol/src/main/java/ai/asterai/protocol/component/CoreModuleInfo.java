package ai.asterai.protocol.component;

import java.util.List;

/**
 * What a component needs of an embedded core module: its function types, imports, exports and the
 * type of each function it defines. Read by {@link CoreModuleReader}, bounded like the rest.
 */
public record CoreModuleInfo(List<CoreType.Func> types, List<Import> imports, List<Long> functionTypes,
                             List<CoreType.CoreExtern> tables, List<CoreType.CoreExtern> memories,
                             List<CoreType.CoreExtern> globals, List<Export> exports) {
    public CoreModuleInfo {
        types = List.copyOf(types);
        imports = List.copyOf(imports);
        functionTypes = List.copyOf(functionTypes);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
    }

    public record Import(String module, String name, CoreType.CoreExtern type) {
    }

    /** {@code kind}: 0 func, 1 table, 2 memory, 3 global, 4 tag (the core encoding). */
    public record Export(String name, int kind, long index) {
    }
}
