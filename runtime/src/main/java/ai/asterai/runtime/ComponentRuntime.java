package ai.asterai.runtime;

import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.failure.NoSuchFunction;
import ai.asterai.runtime.failure.PermissionDenied;
import ai.asterai.runtime.component.ComponentProgram;
import ai.asterai.runtime.engine.CompiledModule;
import ai.asterai.runtime.engine.ComponentWorld;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.engine.InvalidModule;
import ai.asterai.runtime.engine.LinkedModule;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.host.ComponentDirectory;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.sandbox.AuditEvent;
import ai.asterai.runtime.sandbox.EffectivePermissions;
import ai.asterai.runtime.sandbox.Grants;
import ai.asterai.runtime.sandbox.PermissionResolver;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's component runtime: loads components (compiled once per module digest), gives each the
 * intersection of what it declares and what the user grants, calls their functions with JSON or typed
 * values, and swaps versions while running. Components find and call each other through
 * {@code asterai:host/components}, within their permissions. Thread-safe.
 */
public final class ComponentRuntime implements ComponentDirectory, AutoCloseable {
    private final RuntimeOptions options;
    private final ModuleCompiler compiler;
    private final PermissionResolver permissions;
    private final Map<String, LoadedComponent> components = new ConcurrentHashMap<>();
    private volatile ComponentDirectory attached = ComponentDirectory.EMPTY;

    public ComponentRuntime(RuntimeOptions options) {
        this.options = options;
        this.compiler = options.compiler();
        this.permissions = new PermissionResolver(options.limits(), options.hostEnv(), options.dataDirs());
    }

    /**
     * Whether a component binary importing {@code importName} (a WASI 0.2 interface, any 0.2.x) links
     * here; the file system always links, its preopens being the granted directories (docs/runtime.md, "WASI 0.2").
     */
    public static boolean providesWasi(String importName) {
        return ai.asterai.runtime.component.wasi.WasiHost.provides(importName);
    }

    public RuntimeOptions options() {
        return options;
    }

    /** Loads a component under {@code grants}; fails if one of the same name is loaded (use {@link #swap}). */
    public LoadedComponent load(ComponentSource source, Grants grants) {
        LoadedComponent c = prepare(source, grants);
        if (components.putIfAbsent(source.name(), c) != null) {
            c.close();
            throw new IllegalStateException(source.name() + " is already loaded; swap it to change version");
        }
        return c;
    }

    /**
     * Loads {@code source} and replaces the component of the same name (loading it if absent). The old
     * instance finishes a call in progress, then is closed. Returns the new component.
     */
    public LoadedComponent swap(ComponentSource source, Grants grants) {
        LoadedComponent c = prepare(source, grants);
        LoadedComponent old = components.put(source.name(), c);
        if (old != null) {
            old.close();
        }
        return c;
    }

    /** Links and instantiates without registering: what {@link #load} and {@link #swap} share. */
    public LoadedComponent prepare(ComponentSource source, Grants grants) {
        if (ModuleCompiler.isComponentBinary(source.wasm())) {
            ComponentProgram program = ComponentProgram.compile(source.name(), source.wasm(), compiler, options.engine());
            EffectivePermissions perms = resolvePermissions(source, grants);
            HostContext ctx = new HostContext(source.name(), perms, options.audit(), options.log(), options.http(), this, options.limits());
            return new LoadedComponent(source, program, perms, ctx, options);
        }
        CompiledModule module;
        try {
            module = compiler.compile(source.wasm(), options.engine());
        } catch (InvalidModule e) {
            throw new ComponentLinkError(source.name(), null, e.getMessage(), e);
        }
        ComponentWorld world;
        try {
            world = ComponentWorld.of(source.wit(), source.world());
        } catch (IllegalArgumentException e) {
            throw new ComponentLinkError(source.name(), null, e.getMessage(), e);
        }
        LinkedModule linked = LinkedModule.link(source.name(), module, world, options.hostApi());
        EffectivePermissions perms = resolvePermissions(source, grants);
        HostContext ctx = new HostContext(source.name(), perms, options.audit(), options.log(), options.http(), this, options.limits());
        return new LoadedComponent(source, linked, perms, ctx, options);
    }

    private EffectivePermissions resolvePermissions(ComponentSource source, Grants grants) {
        try {
            return permissions.resolve(source.name(), source.permissions(), grants, options.audit());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new PermissionDenied(source.name(), null, e.getMessage(), e);
        }
    }

    /**
     * Components instantiated with {@link #prepare} and kept elsewhere (an agent's swappable slots)
     * that {@code asterai:host/components} should find as well; the runtime's own come first.
     * {@link ComponentDirectory#EMPTY} detaches.
     */
    public void attach(ComponentDirectory directory) {
        this.attached = directory == null ? ComponentDirectory.EMPTY : directory;
    }

    public Optional<LoadedComponent> get(String name) {
        return Optional.ofNullable(components.get(name));
    }

    public List<LoadedComponent> loaded() {
        return List.copyOf(components.values());
    }

    /** Calls {@code function} of a loaded component with JSON arguments; returns JSON. */
    public JsonNode call(String component, String function, JsonNode args) {
        LoadedComponent c = components.get(component);
        if (c == null) {
            throw new NoSuchFunction(component, function, "no such component is loaded");
        }
        return c.call(function, args);
    }

    public void unload(String name) {
        LoadedComponent c = components.remove(name);
        if (c != null) {
            c.close();
        }
    }

    /** Number of distinct compiled modules held (shared by all instances of the same bytes). */
    public int compiledModules() {
        return compiler.size();
    }

    /** Compiles (or finds compiled) module bytes: what loading costs before instantiation. */
    public CompiledModule compile(byte[] wasm) {
        return compiler.compile(wasm, options.engine());
    }

    // ---------------------------------------------------------------- ComponentDirectory

    @Override
    public Optional<ComponentInfo> find(String name) {
        LoadedComponent c = components.get(name);
        if (c == null) {
            return attached.find(name);
        }
        Set<String> ifaces = new LinkedHashSet<>(c.world().exportedInterfaces());
        return Optional.of(new ComponentInfo(c.name(), c.version(), new ArrayList<>(ifaces)));
    }

    @Override
    public JsonNode call(String caller, String component, String function, JsonNode args) {
        LoadedComponent callerC = components.get(caller);
        if (callerC != null && !callerC.permissions().components().contains(component)) {
            options.audit().record(AuditEvent.denied(caller, "component", component, "not declared and granted"));
            throw new PermissionDenied(caller, function, "may not call " + component);
        }
        LoadedComponent target = components.get(component);
        if (target == null) {
            if (attached == ComponentDirectory.EMPTY) {
                throw new NoSuchFunction(component, function, "no such component is loaded");
            }
            return attached.call(caller, component, function, args); // refuses what it does not hold, as we do
        }
        ExportedFunction f = target.function(function);
        return target.call(f.key(), args);
    }

    @Override
    public void close() {
        for (String name : List.copyOf(components.keySet())) {
            unload(name);
        }
    }
}
