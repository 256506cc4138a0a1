package ai.asterai.runtime.engine;

import ai.asterai.runtime.failure.ComponentException;
import ai.asterai.runtime.failure.NoSuchFunction;
import ai.asterai.runtime.failure.PermissionDenied;
import ai.asterai.runtime.abi.ExportInvoker;
import ai.asterai.runtime.abi.GuestMemory;
import ai.asterai.runtime.abi.Realloc;
import ai.asterai.runtime.abi.WitValue;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One live instance of a component. Calls are serialised (guest code is not reentrant), each runs on the
 * caller's thread under a {@link CallGuard}. After any failure inside the guest (trap, timeout, memory)
 * the instance is marked broken and must be replaced: its state can no longer be trusted.
 */
public final class ComponentInstance implements AutoCloseable {
    /** One callable export of an instance: typed values in, the result (null for none) out. */
    @FunctionalInterface
    public interface Invocation {
        WitValue invoke(List<WitValue> args);
    }

    private final String component;
    private final Map<String, Invocation> invokers;
    private final LongSupplier memoryBytes;
    private final AutoCloseable resources;
    private final long capBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String broken;
    private volatile Runnable callStart = () -> { };

    ComponentInstance(String component, Instance instance, WasiPreview1 wasi, GuestMemory memory, Realloc realloc,
                      Map<String, ExportInvoker> invokers, long capBytes) {
        this.component = component;
        Map<String, Invocation> calls = new java.util.LinkedHashMap<>();
        invokers.forEach((k, inv) -> calls.put(k, args -> inv.invoke(memory, realloc, args)));
        this.invokers = calls;
        this.memoryBytes = () -> (long) instance.memory().pages() * Memory.PAGE_SIZE;
        this.resources = wasi::close;
        this.capBytes = capBytes;
    }

    private ComponentInstance(String component, Map<String, Invocation> invokers, LongSupplier memoryBytes, AutoCloseable resources,
                              long capBytes) {
        this.component = component;
        this.invokers = Map.copyOf(invokers);
        this.memoryBytes = memoryBytes;
        this.resources = resources;
        this.capBytes = capBytes;
    }

    /**
     * An instance of a component binary: its exports by function key, the bytes its memories hold
     * now (for telling "out of memory" from other traps) and what to release on close.
     */
    public static ComponentInstance of(String component, Map<String, Invocation> exports, LongSupplier memoryBytes,
                                       AutoCloseable resources, long capBytes) {
        return new ComponentInstance(component, exports, memoryBytes, resources, capBytes);
    }

    /** What runs at the start of each call, under the instance's lock (the WASI host's per-call output cap). */
    public void onCallStart(Runnable hook) {
        this.callStart = java.util.Objects.requireNonNull(hook);
    }

    /**
     * Calls an exported function. Returns its result (null when it has none).
     *
     * @throws ComponentException typed by cause; the instance is broken afterwards unless the arguments
     *                            were refused before the guest ran
     */
    public WitValue call(ExportedFunction function, List<WitValue> args, Duration timeout) {
        return call(function, args, timeout, timeout);
    }

    /**
     * As {@link #call(ExportedFunction, List, Duration)}, with {@code timeout} what is left of the call's
     * time cap (part of it went on waiting for an instance) and {@code cap} the cap a timeout reports.
     */
    public WitValue call(ExportedFunction function, List<WitValue> args, Duration timeout, Duration cap) {
        Invocation invoker = invokers.get(function.key());
        if (invoker == null) {
            throw new NoSuchFunction(component, function.key(), "is not exported by this instance");
        }
        if (lock.isHeldByCurrentThread()) {
            throw new PermissionDenied(component, function.key(), "re-entrant call refused: the component is already running on this thread");
        }
        long start = System.nanoTime();
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ai.asterai.runtime.failure.CallTimeout(component, function.key(),
                        "waited " + timeout.toMillis() + " ms for the instance, which is busy with another call");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ai.asterai.runtime.host.HostCallInterrupted("waiting for " + component, e);
        }
        try {
            if (broken != null) {
                throw new IllegalStateException(component + " instance is broken (" + broken + "); create a new one");
            }
            callStart.run();
            Duration left = timeout.minusNanos(System.nanoTime() - start);
            return guarded(function.key(), left.isNegative() ? Duration.ofMillis(1) : left, cap,
                    () -> invoker.invoke(args));
        } finally {
            lock.unlock();
        }
    }

    /** Runs guest code under a deadline, classifying failures; used for calls and for initialisation. */
    <T> T guarded(String function, Duration timeout, Duration reported, java.util.function.Supplier<T> body) {
        CallGuard guard = CallGuard.start(timeout);
        try {
            return body.get();
        } catch (Throwable t) {
            boolean fired = guard.fired();
            RuntimeException e = FailureClassifier.classify(component, function, t, fired, guard.outerFired(), reported,
                    memoryFull(), capBytes);
            if (!(e instanceof ai.asterai.runtime.failure.InvalidArguments)) {
                broken = e.getMessage();
            }
            throw e;
        } finally {
            guard.close();
        }
    }

    private boolean memoryFull() {
        return memoryBytes.getAsLong() + Memory.PAGE_SIZE > capBytes;
    }

    /** Why the instance can no longer be used, or null while it is healthy. */
    public String broken() {
        return broken;
    }

    public long memoryBytes() {
        return memoryBytes.getAsLong();
    }

    public String component() {
        return component;
    }

    /** Waits for a call in progress (bounded by its deadline), then releases the WASI state. */
    @Override
    public void close() {
        lock.lock();
        try {
            broken = broken == null ? "closed" : broken;
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + component + ": " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }
}
