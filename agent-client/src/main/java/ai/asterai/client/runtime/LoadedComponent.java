package ai.asterai.client.runtime;

import ai.asterai.client.runtime.abi.ValueMismatch;
import ai.asterai.client.runtime.abi.WitValue;
import ai.asterai.client.runtime.engine.ComponentInstance;
import ai.asterai.client.runtime.engine.ComponentWorld;
import ai.asterai.client.runtime.engine.ExportedFunction;
import ai.asterai.client.runtime.engine.InstanceFactory;
import ai.asterai.client.runtime.engine.LinkedModule;
import ai.asterai.client.runtime.host.HostContext;
import ai.asterai.client.runtime.host.LogRecord;
import ai.asterai.client.runtime.json.FunctionArguments;
import ai.asterai.client.runtime.json.WitJson;
import ai.asterai.client.runtime.sandbox.EffectivePermissions;
import ai.asterai.client.runtime.sandbox.WasiSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A component loaded into a {@link ComponentRuntime}: linked module, effective permissions and one live
 * instance. Calls go to that instance one at a time; when a call breaks it (trap, timeout, memory), the
 * next call gets a fresh instance (files the component wrote persist, its memory does not).
 */
public final class LoadedComponent implements AutoCloseable {
    private final ComponentSource source;
    private final LinkedModule linked;
    private final EffectivePermissions permissions;
    private final HostContext context;
    private final RuntimeOptions options;
    private ComponentInstance instance;
    private boolean closed;

    LoadedComponent(ComponentSource source, LinkedModule linked, EffectivePermissions permissions, HostContext context,
                    RuntimeOptions options) {
        this.source = source;
        this.linked = linked;
        this.permissions = permissions;
        this.context = context;
        this.options = options;
        this.instance = newInstance();
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
        return linked.world();
    }

    public List<ExportedFunction> functions() {
        return linked.world().exports();
    }

    public EffectivePermissions permissions() {
        return permissions;
    }

    /** The module digest ({@code sha256:...}). */
    public String digest() {
        return linked.module().digest();
    }

    /** Finds a function by full key ({@code ns:pkg/iface@v#f}), {@code iface#f} or a unique name. */
    public ExportedFunction function(String name) {
        return linked.world().function(name).orElseThrow(() -> new NoSuchFunction(name(), name,
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
        return current().call(f, args, permissions.timePerCall());
    }

    private synchronized ComponentInstance current() {
        if (closed) {
            throw new IllegalStateException(name() + " is unloaded");
        }
        if (instance == null || instance.broken() != null) {
            String why = instance == null ? null : instance.broken();
            if (instance != null) {
                instance.close();
            }
            instance = newInstance();
            if (why != null) {
                options.log().write(new LogRecord(Instant.now(), name(), LogRecord.Level.WARN, "instance replaced after a failed call",
                        List.of(Map.entry("reason", why))));
            }
        }
        return instance;
    }

    /**
     * A new, independent instance with the same permissions (its own memory and WASI state). The
     * runtime uses one per component; more are for pools and benchmarks. Close it when done.
     */
    public ComponentInstance newInstance() {
        var wasi = WasiSandbox.create(permissions, options.log(), options.audit(), options.limits(), options.clock());
        try {
            return InstanceFactory.instantiate(linked, context, wasi, permissions.memoryBytes(), permissions.timePerCall());
        } catch (RuntimeException e) {
            wasi.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }
}
