package ai.asterai.runtime;

import ai.asterai.runtime.failure.CallTimeout;
import ai.asterai.runtime.failure.InvalidArguments;
import ai.asterai.runtime.failure.MemoryLimitExceeded;
import ai.asterai.runtime.failure.NoSuchFunction;
import ai.asterai.runtime.failure.PermissionDenied;
import ai.asterai.runtime.abi.ValueMismatch;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.component.ComponentProgram;
import ai.asterai.runtime.component.wasi.WasiHost;
import ai.asterai.runtime.engine.ComponentInstance;
import ai.asterai.runtime.engine.ComponentWorld;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.engine.InstanceFactory;
import ai.asterai.runtime.engine.LinkedModule;
import ai.asterai.runtime.host.HostCallInterrupted;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.runtime.json.FunctionArguments;
import ai.asterai.runtime.json.WitJson;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.WasiSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A component loaded into a {@link ComponentRuntime}: linked module, effective permissions and its live
 * instances, at most {@link RuntimeOptions#instances()} of them (one by default, so calls take turns).
 * A call takes an idle instance, or makes one while under the limit, or waits for one within its time
 * cap. An instance a call breaks (trap, timeout, memory) is discarded and a later call gets a fresh one
 * (files the component wrote persist, its memory does not). A component already running on a thread
 * is not entered again from that thread, whatever instance is free.
 */
public final class LoadedComponent implements AutoCloseable {
    private final ComponentSource source;
    /** The linked core module, or null for a component binary. */
    private final LinkedModule linked;
    /** The compiled component binary, or null for a core module. */
    private final ComponentProgram program;
    private volatile ComponentWorld world;
    private final EffectivePermissions permissions;
    private final HostContext context;
    private final RuntimeOptions options;
    /** The components each thread is running a call of: a component calling itself, however indirectly, is refused. */
    private static final ThreadLocal<java.util.Set<LoadedComponent>> RUNNING = ThreadLocal.withInitial(java.util.HashSet::new);
    private final java.util.ArrayDeque<ComponentInstance> idle = new java.util.ArrayDeque<>();
    private int live;
    private boolean closed;

    LoadedComponent(ComponentSource source, LinkedModule linked, EffectivePermissions permissions, HostContext context,
                    RuntimeOptions options) {
        this(source, linked, null, permissions, context, options);
    }

    /** A component binary: the world comes from its exports, read off the first instance. */
    LoadedComponent(ComponentSource source, ComponentProgram program, EffectivePermissions permissions, HostContext context,
                    RuntimeOptions options) {
        this(source, null, program, permissions, context, options);
    }

    private LoadedComponent(ComponentSource source, LinkedModule linked, ComponentProgram program, EffectivePermissions permissions,
                            HostContext context, RuntimeOptions options) {
        this.source = source;
        this.linked = linked;
        this.program = program;
        this.world = linked == null ? null : linked.world();
        this.permissions = permissions;
        this.context = context;
        this.options = options;
        idle.push(newInstance()); // instantiated now, so a component that cannot start fails to load
        live = 1;
    }

    public String name() {
        return source.name();
    }

    public String version() {
        return source.version();
    }

    public String origin() {
        return source.origin();
    }

    public ComponentWorld world() {
        return world;
    }

    public List<ExportedFunction> functions() {
        return world.exports();
    }

    public EffectivePermissions permissions() {
        return permissions;
    }

    /** The module digest ({@code sha256:...}). */
    public String digest() {
        return linked != null ? linked.module().digest() : ai.asterai.protocol.crypto.Digest.of(source.wasm()).toString();
    }

    /** Finds a function by full key ({@code ns:pkg/iface@v#f}), {@code iface#f} or a unique name. */
    public ExportedFunction function(String name) {
        return world.function(name).orElseThrow(() -> new NoSuchFunction(name(), name,
                "no such exported function; it exports " + String.join(", ", functions().stream().map(ExportedFunction::key).toList())));
    }

    /** Calls with JSON arguments (array in order, or object by name); returns the result as JSON (null for none). */
    public JsonNode call(String function, JsonNode args) {
        ExportedFunction f = function(function);
        List<WitValue> values;
        try {
            values = FunctionArguments.fromJson(f.signature(), args);
        } catch (ValueMismatch e) {
            throw new InvalidArguments(name(), f.key(), e.getMessage(), e);
        }
        return toJson(f, call(f, values));
    }

    /** Calls with command-line words ({@code asterai run}). */
    public JsonNode callWords(String function, List<String> words) {
        ExportedFunction f = function(function);
        List<WitValue> values;
        try {
            values = FunctionArguments.fromCommandLine(f.signature(), words);
        } catch (ValueMismatch e) {
            throw new InvalidArguments(name(), f.key(), e.getMessage(), e);
        }
        return toJson(f, call(f, values));
    }

    private static JsonNode toJson(ExportedFunction f, WitValue result) {
        return f.signature().result() == null ? NullNode.getInstance() : WitJson.toJson(f.signature().result(), result);
    }

    /** Calls with typed values; returns the result (null for a function without one). */
    public WitValue call(ExportedFunction f, List<WitValue> args) {
        java.util.Set<LoadedComponent> running = RUNNING.get();
        if (running.contains(this)) {
            throw new PermissionDenied(name(), f.key(), "re-entrant call refused: the component is already running on this thread");
        }
        Duration cap = permissions.timePerCall();
        long start = System.nanoTime();
        ComponentInstance instance = acquire(f, cap);
        running.add(this);
        try {
            Duration left = cap.minusNanos(System.nanoTime() - start);
            return instance.call(f, args, left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left, cap);
        } catch (CallTimeout | MemoryLimitExceeded e) {
            throw audited(e);
        } finally {
            running.remove(this);
            release(instance);
        }
    }

    /** Live instances now, idle or busy. */
    public synchronized int liveInstances() {
        return live;
    }

    /** An idle instance, or a new one while under the limit; else waits for one, at most {@code wait}. */
    private ComponentInstance acquire(ExportedFunction f, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException(name() + " is unloaded");
                }
                ComponentInstance ready = idle.poll();
                if (ready != null) {
                    return ready;
                }
                if (live < options.instances()) {
                    live++; // reserved; instantiated below, outside the lock
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new CallTimeout(name(), f.key(), "waited " + wait.toMillis() + " ms for an instance; all "
                            + options.instances() + " are busy with other calls");
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HostCallInterrupted("waiting for an instance of " + name(), e);
                }
            }
        }
        try {
            return newInstance();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                live--;
                notifyAll();
            }
            throw e;
        }
    }

    /** Back to the idle ones; a broken instance, or any once the component is unloaded, is closed instead. */
    private void release(ComponentInstance instance) {
        String broken = instance.broken();
        boolean keep;
        synchronized (this) {
            keep = !closed && broken == null;
            if (keep) {
                idle.push(instance);
            } else {
                live--;
            }
            notifyAll();
        }
        if (!keep) {
            instance.close();
            if (broken != null && !closed) {
                options.log().write(new LogRecord(Instant.now(), name(), LogRecord.Level.WARN, "instance replaced after a failed call",
                        List.of(Map.entry("reason", broken))));
            }
        }
    }

    /**
     * A new, independent instance with the same permissions (its own memory and WASI state). The
     * runtime uses one per component; more are for pools and benchmarks. Close it when done.
     */
    public ComponentInstance newInstance() {
        try {
            return instantiate();
        } catch (CallTimeout | MemoryLimitExceeded e) {
            throw audited(e);
        }
    }

    /** The sandbox's limits stopped the guest: one audit event, like the refusals of files, hosts and components. */
    private RuntimeException audited(ai.asterai.runtime.failure.ComponentException e) {
        String category = e instanceof CallTimeout ? "time" : "memory";
        String limit = e instanceof CallTimeout ? permissions.timePerCall().toMillis() + " ms per call"
                : (permissions.memoryBytes() >> 10) + " KiB of memory";
        context.audit().record(AuditEvent.denied(name(), category, e.function() == null ? "instantiate" : e.function(),
                "stopped at the cap of " + limit + ": " + e.getMessage()));
        return e;
    }

    private ComponentInstance instantiate() {
        if (program != null) {
            // the asterai host interfaces and WASI 0.2 (io, cli, clocks, random, filesystem over the grants, http, sockets) with this
            // instance's own state, its open files closed with the instance; other wasi:* imports are refused when linking.
            // A memory.grow refused at the cap is audited (once per instance): the guest only sees -1, and may carry on.
            WasiHost wasi = new WasiHost(context, options.clock());
            ComponentProgram.Instantiated i;
            try {
                i = program.instantiate(source.world() == null ? source.name() : source.world(),
                        program.hostImports(options.hostApi(), context, wasi::find),
                        permissions.memoryBytes(), permissions.timePerCall(), wasi,
                        wanted -> context.audit().record(AuditEvent.denied(name(), "memory", "memory.grow",
                                "refused growing a memory to " + (wanted >> 10) + " KiB: the cap is " + (permissions.memoryBytes() >> 10) + " KiB")));
            } catch (RuntimeException e) {
                wasi.close();
                throw e;
            }
            i.instance().onCallStart(wasi::startCall);
            if (world == null) {
                world = i.world();
            }
            return i.instance();
        }
        var wasi = WasiSandbox.create(permissions, options.log(), options.audit(), options.limits(), options.clock());
        try {
            return InstanceFactory.instantiate(linked, context, wasi, permissions.memoryBytes(), permissions.timePerCall());
        } catch (RuntimeException e) {
            wasi.close();
            throw e;
        }
    }

    /** Unloads: idle instances close now, busy ones when their call returns. */
    @Override
    public synchronized void close() {
        closed = true;
        live -= idle.size();
        idle.forEach(ComponentInstance::close);
        idle.clear();
        notifyAll();
    }
}
