package ai.asterai.runtime.engine;

import ai.asterai.runtime.failure.MemoryLimitExceeded;
import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.CoreFunction;
import ai.asterai.runtime.abi.ExportInvoker;
import ai.asterai.runtime.abi.GuestMemory;
import ai.asterai.runtime.abi.ImportAdapter;
import ai.asterai.runtime.abi.Realloc;
import ai.asterai.runtime.host.HostContext;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instantiates a {@link LinkedModule}: memory ({@link ContiguousMemory}) capped through Chicory's memory factory, WASI and host
 * functions bound to the component's context, the compiled machine when the module was compiled, then
 * {@code _initialize} once (after WASI's preopens exist, before any export) under the call deadline.
 */
public final class InstanceFactory {
    private InstanceFactory() {
    }

    public static ComponentInstance instantiate(LinkedModule linked, HostContext ctx, WasiPreview1 wasi, long memoryCap,
                                                Duration initTimeout) {
        String component = linked.component();
        CompiledModule cm = linked.module();
        int capPages = (int) Math.min(MemoryLimits.MAX_PAGES, memoryCap / Memory.PAGE_SIZE);
        cm.info().memory().ifPresent(limits -> {
            if (limits.initialPages() > capPages) {
                throw new MemoryLimitExceeded(component, null, "needs " + limits.initialPages() * 64 + " KiB of memory at start, above its cap of "
                        + capPages * 64 + " KiB");
            }
        });
        Map<String, HostFunction> wasiFunctions = new HashMap<>();
        for (HostFunction f : wasi.toHostFunctions()) {
            wasiFunctions.put(f.name(), f);
        }
        String reallocName = linked.realloc();
        List<ImportFunction> functions = new ArrayList<>();
        for (LinkedModule.ImportBinding b : linked.imports()) {
            if (b.host() == null) {
                functions.add(wasiFunctions.get(b.name()));
                continue;
            }
            ImportAdapter adapter = new ImportAdapter(b.signature(), b.host().bind(b.name(), ctx));
            FunctionType type = FunctionType.of(ModuleInfo.valTypes(b.core().params()), ModuleInfo.valTypes(b.core().results()));
            functions.add(new HostFunction(b.module(), b.name(), type, (inst, args) -> {
                GuestMemory mem = new ChicoryGuestMemory(inst.memory());
                Realloc realloc = reallocName == null ? Realloc.NONE : chicoryRealloc(inst.export(reallocName));
                return adapter.handle(mem, realloc, args);
            }));
        }
        Instance.Builder builder = Instance.builder(cm.module())
                .withImportValues(ImportValues.builder().withFunctions(functions).build())
                .withMemoryFactory(limits -> ContiguousMemory.forLimits(new MemoryLimits(limits.initialPages(),
                        Math.min(limits.maximumPages(), capPages), limits.shared())))
                // the interpreter (and the compiler's interpreted fallback) would miss the deadline on some loops
                .withUnsafeExecutionListener(InterruptCheck.INSTANCE);
        if (cm.machineFactory() != null) {
            builder.withMachineFactory(cm.machineFactory());
        }
        // The start function (if any) runs inside build(); guard it like a call.
        Instance instance = new Guarded(component, memoryCap).run("instantiate", initTimeout, () -> builder.build());
        GuestMemory memory = new ChicoryGuestMemory(instance.memory());
        Realloc realloc = reallocName == null ? Realloc.NONE : chicoryRealloc(instance.export(reallocName));
        Map<String, ExportInvoker> invokers = new LinkedHashMap<>();
        for (LinkedModule.ExportBinding e : linked.exports().values()) {
            ExportFunction fn = instance.export(e.core());
            CoreFunction post = e.post() == null ? null : coreFunction(instance.export(e.post()));
            invokers.put(e.function().key(), new ExportInvoker(e.function().signature(), coreFunction(fn), post));
        }
        ComponentInstance created = new ComponentInstance(component, instance, wasi, memory, realloc, invokers, (long) capPages * Memory.PAGE_SIZE);
        if (linked.initialize() != null) {
            ExportFunction init = instance.export(linked.initialize());
            try {
                created.guarded(linked.initialize(), initTimeout, initTimeout, () -> init.apply());
            } catch (RuntimeException e) {
                created.close();
                throw e;
            }
        }
        return created;
    }

    /**
     * A builder for one core instance of a component binary: its memories draw on the component
     * instance's {@code budget} (one cap for all its core modules), the
     * compiled machine when there is one, interruption checked in interpreted code.
     */
    public static Instance.Builder coreInstance(String component, CompiledModule cm, MemoryBudget budget) {
        int capPages = (int) Math.min(MemoryLimits.MAX_PAGES, budget.capBytes() / Memory.PAGE_SIZE);
        Instance.Builder builder = Instance.builder(cm.module())
                .withMemoryFactory(limits -> {
                    if (limits.shared()) {
                        // threads are refused by the component decoder; a shared memory here would escape the budget
                        throw new MemoryLimitExceeded(component, null, "a core module of a component declares a shared memory");
                    }
                    long initialBytes = (long) limits.initialPages() * Memory.PAGE_SIZE;
                    if (limits.initialPages() > capPages || !budget.reserve(initialBytes)) {
                        throw new MemoryLimitExceeded(component, null, "a core module needs " + limits.initialPages() * 64
                                + " KiB of memory at start, above what is left of the component's cap of " + capPages * 64
                                + " KiB (" + budget.reserved() / 1024 + " KiB already held by its other memories)");
                    }
                    return new ContiguousMemory(new MemoryLimits(limits.initialPages(),
                            Math.min(limits.maximumPages(), capPages), false), budget);
                })
                .withUnsafeExecutionListener(InterruptCheck.INSTANCE);
        if (cm.machineFactory() != null) {
            builder.withMachineFactory(cm.machineFactory());
        }
        return builder;
    }

    /** Runs guest code that has no instance object yet (instantiation, start functions) under a deadline. */
    public static <T> T guarded(String component, String what, Duration timeout, long capBytes, java.util.function.Supplier<T> body) {
        return new Guarded(component, capBytes).run(what, timeout, body);
    }

    /**
     * As above, for a component binary whose memories draw on {@code budget}: a trap after a growth
     * was refused at the cap (an allocator giving up with {@code unreachable}) is reported as
     * {@link MemoryLimitExceeded}, not as a bare trap.
     */
    public static <T> T guarded(String component, String what, Duration timeout, MemoryBudget budget, java.util.function.Supplier<T> body) {
        CallGuard guard = CallGuard.start(timeout);
        try {
            return body.get();
        } catch (Throwable t) {
            throw FailureClassifier.classify(component, what, t, guard.fired(), guard.outerFired(), timeout, budget.refusedAny(),
                    budget.capBytes());
        } finally {
            guard.close();
        }
    }

    private static CoreFunction coreFunction(ExportFunction f) {
        return f::apply;
    }

    private static Realloc chicoryRealloc(ExportFunction f) {
        return (oldPtr, oldSize, align, newSize) -> {
            long[] r = f.apply(oldPtr & 0xFFFFFFFFL, oldSize & 0xFFFFFFFFL, align & 0xFFFFFFFFL, newSize & 0xFFFFFFFFL);
            if (r == null || r.length != 1) {
                throw new AbiTrap("cabi_realloc returned no pointer");
            }
            return (int) r[0];
        };
    }

    /** Runs instantiation under a deadline without an instance object yet. */
    private record Guarded(String component, long capBytes) {
        <T> T run(String what, Duration timeout, java.util.function.Supplier<T> body) {
            CallGuard guard = CallGuard.start(timeout);
            try {
                return body.get();
            } catch (Throwable t) {
                throw FailureClassifier.classify(component, what, t, guard.fired(), guard.outerFired(), timeout, false, capBytes);
            } finally {
                guard.close();
            }
        }
    }
}
