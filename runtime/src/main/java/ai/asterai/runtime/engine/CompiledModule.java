package ai.asterai.runtime.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.time.Duration;
import java.util.function.Function;

/**
 * A parsed and validated module, plus (for {@link EngineKind#COMPILER}) the machine factory of its
 * compiled bytecode. Immutable and shared by every instance of the same module bytes.
 *
 * @param digest         {@code sha256:...} of the module bytes
 * @param machineFactory null for the interpreter
 */
public record CompiledModule(String digest, WasmModule module, ModuleInfo info, EngineKind engine,
                             Function<Instance, Machine> machineFactory, Duration parseTime, Duration compileTime) {
}
