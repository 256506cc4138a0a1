package ai.asterai.runtime.engine;

import ai.asterai.runtime.abi.CoreType;
import ai.asterai.runtime.abi.WitSignature;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a core module exports and imports, with core function types, read from Chicory's parse. */
public record ModuleInfo(Map<String, WitSignature.CoreSignature> functionExports, List<String> otherExports,
                         List<CoreImport> imports, Optional<MemoryLimits> memory) {

    /** One import; {@code type} is null for non-function imports. */
    public record CoreImport(String module, String name, String kind, WitSignature.CoreSignature type) {
    }

    public static ModuleInfo of(WasmModule m) {
        List<FunctionType> importedFunctionTypes = new ArrayList<>();
        List<CoreImport> imports = new ArrayList<>();
        Optional<MemoryLimits> memory = Optional.empty();
        for (int i = 0; i < m.importSection().importCount(); i++) {
            Import imp = m.importSection().getImport(i);
            if (imp instanceof FunctionImport f) {
                FunctionType t = m.typeSection().getType(f.typeIndex());
                importedFunctionTypes.add(t);
                imports.add(new CoreImport(imp.module(), imp.name(), "func", core(t)));
            } else {
                if (imp instanceof MemoryImport mi) {
                    memory = Optional.of(mi.limits());
                }
                imports.add(new CoreImport(imp.module(), imp.name(), imp.importType().name().toLowerCase(java.util.Locale.ROOT), null));
            }
        }
        if (memory.isEmpty() && m.memorySection().isPresent() && m.memorySection().get().memoryCount() > 0) {
            memory = Optional.of(m.memorySection().get().getMemory(0).limits());
        }
        Map<String, WitSignature.CoreSignature> functions = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < m.exportSection().exportCount(); i++) {
            Export e = m.exportSection().getExport(i);
            if (e.exportType() == ExternalType.FUNCTION) {
                int idx = e.index();
                FunctionType t = idx < importedFunctionTypes.size() ? importedFunctionTypes.get(idx)
                        : m.functionSection().getFunctionType(idx - importedFunctionTypes.size(), m.typeSection());
                WitSignature.CoreSignature sig = core(t);
                if (sig == null) {
                    others.add(e.name() + " (func with reference or vector types)");
                } else {
                    functions.put(e.name(), sig);
                }
            } else {
                others.add(e.name() + " (" + e.exportType().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
        }
        return new ModuleInfo(functions, others, imports, memory);
    }

    /** Null when the type uses anything but i32, i64, f32 and f64. */
    static WitSignature.CoreSignature core(FunctionType t) {
        List<CoreType> params = t.params().stream().map(ModuleInfo::coreType).toList();
        List<CoreType> results = t.returns().stream().map(ModuleInfo::coreType).toList();
        if (params.contains(null) || results.contains(null)) {
            return null;
        }
        return new WitSignature.CoreSignature(params, results);
    }

    /** The canonical ABI's core type of an engine value type; null for the ones it never uses (v128, references). */
    public static CoreType coreType(ValType v) {
        if (v.equals(ValType.I32)) {
            return CoreType.I32;
        } else if (v.equals(ValType.I64)) {
            return CoreType.I64;
        } else if (v.equals(ValType.F32)) {
            return CoreType.F32;
        } else if (v.equals(ValType.F64)) {
            return CoreType.F64;
        }
        return null;
    }

    /** Chicory value types of a core signature (for host functions). */
    public static List<ValType> valTypes(List<CoreType> types) {
        List<ValType> out = new ArrayList<>();
        for (CoreType t : types) {
            out.add(switch (t) {
                case I32 -> ValType.I32;
                case I64 -> ValType.I64;
                case F32 -> ValType.F32;
                case F64 -> ValType.F64;
            });
        }
        return out;
    }
}
