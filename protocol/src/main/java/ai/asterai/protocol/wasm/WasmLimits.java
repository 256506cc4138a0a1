package ai.asterai.protocol.wasm;

/**
 * Upper bounds a binary must respect before any engine sees it. A declared length or count is
 * checked against the bytes actually present <em>and</em> against these values, so nothing is
 * allocated for what a binary merely declares. The defaults follow the limits browsers' engines
 * enforce (V8's {@code wasm-limits.h}; wasmparser's for names), documented in docs/security.md.
 *
 * @param maxBytes          the whole binary
 * @param maxTypes          type section entries
 * @param maxFunctions      functions, imported and defined
 * @param maxImports        imports
 * @param maxExports        exports
 * @param maxGlobals        globals, imported and defined
 * @param maxTables         tables
 * @param maxMemories       memories
 * @param maxDataSegments   data segments
 * @param maxElementSegments element segments
 * @param maxElementItems   items over all element segments
 * @param maxParams         parameters of one function type
 * @param maxResults        results of one function type
 * @param maxLocals         locals of one function
 * @param maxFunctionSize   bytes of one function body
 * @param maxBrTable        targets of one br_table
 * @param maxInstructions   instructions in all function bodies (engines build an object for each)
 * @param maxNesting        block nesting inside one function
 * @param maxNameBytes      bytes of one name (import, export, custom section, name-section entry)
 * @param maxNameEntries    entries of the name section's maps, in all
 * @param maxComponentDepth nesting of components inside components
 * @param maxSections       sections of one module or component
 */
public record WasmLimits(long maxBytes, int maxTypes, int maxFunctions, int maxImports, int maxExports,
                         int maxGlobals, int maxTables, int maxMemories, int maxDataSegments,
                         int maxElementSegments, int maxElementItems, int maxParams, int maxResults,
                         int maxLocals, int maxFunctionSize, int maxBrTable, long maxInstructions,
                         int maxNesting, int maxNameBytes, int maxNameEntries, int maxComponentDepth,
                         int maxSections) {

    /** The defaults: room for the largest real modules seen (a 12 MB SpiderMonkey build), no more. */
    public static final WasmLimits DEFAULT = new WasmLimits(
            64L << 20, 1_000_000, 1_000_000, 100_000, 100_000,
            1_000_000, 100_000, 100, 100_000,
            100_000, 1_000_000, 1_000, 1_000,
            50_000, 7_654_321, 65_520, 16_000_000L,
            10_000, 100_000, 1_000_000, 32,
            100_000);

    /** The same limits with another bound on the whole binary. */
    public WasmLimits withMaxBytes(long bytes) {
        return new WasmLimits(bytes, maxTypes, maxFunctions, maxImports, maxExports, maxGlobals, maxTables,
                maxMemories, maxDataSegments, maxElementSegments, maxElementItems, maxParams, maxResults, maxLocals,
                maxFunctionSize, maxBrTable, maxInstructions, maxNesting, maxNameBytes, maxNameEntries,
                maxComponentDepth, maxSections);
    }

    /** The same limits with another bound on the instructions of all function bodies. */
    public WasmLimits withMaxInstructions(long instructions) {
        return new WasmLimits(maxBytes, maxTypes, maxFunctions, maxImports, maxExports, maxGlobals, maxTables,
                maxMemories, maxDataSegments, maxElementSegments, maxElementItems, maxParams, maxResults, maxLocals,
                maxFunctionSize, maxBrTable, instructions, maxNesting, maxNameBytes, maxNameEntries,
                maxComponentDepth, maxSections);
    }
}
