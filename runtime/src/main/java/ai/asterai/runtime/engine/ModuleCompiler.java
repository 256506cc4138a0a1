package ai.asterai.runtime.engine;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wasm.WasmLimits;
import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Parses, validates and (for the compiler engine) compiles a module once per digest and engine; every
 * instance of the same bytes shares the result. Concurrent requests for the same module wait for the
 * one compilation.
 */
public final class ModuleCompiler {
    /** Bounds on what a module may declare before the engine parses it (docs/security.md). */
    static final WasmLimits LIMITS = WasmLimits.DEFAULT;

    private record Key(String digest, EngineKind engine) {
    }

    private final Map<Key, CompletableFuture<CompiledModule>> cache = new ConcurrentHashMap<>();
    private final Cache classCache;

    /** Compiles in memory only (the default). */
    public ModuleCompiler() {
        this(null);
    }

    /** Also keeps compiled classes in {@code classCache} across runs (see {@link DiskClassCache}). */
    public ModuleCompiler(Cache classCache) {
        this.classCache = classCache;
    }

    public CompiledModule compile(byte[] wasm, EngineKind engine) {
        String digest = Digest.of(wasm).toString();
        Key key = new Key(digest, engine);
        CompletableFuture<CompiledModule> mine = new CompletableFuture<>();
        CompletableFuture<CompiledModule> existing = cache.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(build(digest, wasm, engine, classCache));
            } catch (RuntimeException | Error e) {
                cache.remove(key, mine);
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for module compilation", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Number of distinct modules compiled and kept. */
    public int size() {
        return cache.size();
    }

    public void clear() {
        cache.clear();
    }

    /**
     * The component-model binary preamble: the wasm magic, then version 0x0d and layer 1 (a core
     * module has version 1, layer 0).
     */
    public static boolean isComponentBinary(byte[] wasm) {
        return wasm.length >= 8 && wasm[0] == 0 && wasm[1] == 'a' && wasm[2] == 's' && wasm[3] == 'm'
                && wasm[6] == 1 && wasm[7] == 0 && !(wasm[4] == 1 && wasm[5] == 0);
    }

    private static CompiledModule build(String digest, byte[] wasm, EngineKind engine, Cache classCache) {
        long t0 = System.nanoTime();
        if (isComponentBinary(wasm)) {
            // Chicory would read the component's sections as a module's and fail on a section size
            throw new ComponentBinary();
        }
        WasmModule module;
        try {
            // the engine's parser allocates what the binary declares: check every length first
            WasmBinary.check(wasm, LIMITS);
        } catch (MalformedWasmException e) {
            throw new InvalidModule("not a valid WebAssembly binary: " + e.getMessage(), e);
        }
        try {
            module = Parser.parse(wasm);
        } catch (ChicoryException e) {
            throw new InvalidModule("not a valid WebAssembly core module: " + e.getMessage(), e);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException | NullPointerException
                 | ClassCastException | ArithmeticException e) {
            // Chicory's validator throws these on some invalid modules instead of its own exception
            // (found by HostileModuleLoadTest: Validator.getLocal on an out-of-range local index)
            throw new InvalidModule("not a valid WebAssembly core module: the engine's validator refused it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        long t1 = System.nanoTime();
        Function<Instance, Machine> factory = null;
        if (engine == EngineKind.COMPILER) {
            try {
                MachineFactoryCompiler.Builder b = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
                if (classCache != null) {
                    b.withCache(classCache);
                }
                factory = b.compile();
            } catch (ChicoryException e) {
                throw new InvalidModule("module could not be compiled: " + e.getMessage(), e);
            }
        }
        long t2 = System.nanoTime();
        return new CompiledModule(digest, module, ModuleInfo.of(module), engine, factory,
                Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1));
    }
}
