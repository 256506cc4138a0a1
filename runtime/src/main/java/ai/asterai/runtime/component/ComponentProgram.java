package ai.asterai.runtime.component;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.component.Component;
import ai.asterai.protocol.component.Components;
import ai.asterai.protocol.component.Definition;
import ai.asterai.runtime.engine.CompiledModule;
import ai.asterai.runtime.engine.EngineKind;
import ai.asterai.runtime.engine.InvalidModule;
import ai.asterai.runtime.engine.ModuleCompiler;
import ai.asterai.runtime.failure.ComponentLinkError;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.ArgumentMismatch;
import ai.asterai.runtime.abi.ResourceType;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import ai.asterai.runtime.engine.ComponentInstance;
import ai.asterai.runtime.host.HostApi;
import ai.asterai.runtime.host.HostContext;
import ai.asterai.runtime.engine.ComponentWorld;
import ai.asterai.runtime.engine.ExportedFunction;
import ai.asterai.runtime.engine.InstanceFactory;
import com.dylibso.chicory.runtime.Memory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component binary decoded and its embedded core modules compiled (once per module digest, through
 * the runtime's {@link ModuleCompiler}), ready to be instantiated any number of times: a second
 * instance costs instantiation only.
 */
public final class ComponentProgram {
    private final String name;
    private final Component root;
    private final Map<Definition.CoreModule, CompiledModule> modules;

    private ComponentProgram(String name, Component root, Map<Definition.CoreModule, CompiledModule> modules) {
        this.name = name;
        this.root = root;
        this.modules = modules;
    }

    /** Decodes {@code wasm} and compiles every core module in it (nested components included). */
    public static ComponentProgram compile(String name, byte[] wasm, ModuleCompiler compiler, EngineKind engine) {
        Component root;
        try {
            root = Components.read(wasm); // decode, then validate: index spaces, canon types, instantiation subtyping
        } catch (InvalidInputException e) {
            throw new ComponentLinkError(name, null, "not a valid component: " + e.getMessage(), e);
        }
        Map<Definition.CoreModule, CompiledModule> modules = new IdentityHashMap<>();
        compileModules(name, root, compiler, engine, modules);
        return new ComponentProgram(name, root, modules);
    }

    private static void compileModules(String name, Component c, ModuleCompiler compiler, EngineKind engine,
                                       Map<Definition.CoreModule, CompiledModule> out) {
        for (Definition d : c.definitions()) {
            if (d instanceof Definition.CoreModule m) {
                ByteBuffer view = c.moduleBytes(m);
                byte[] bytes = new byte[view.remaining()];
                view.get(bytes);
                try {
                    out.put(m, compiler.compile(bytes, engine));
                } catch (InvalidModule e) {
                    throw new ComponentLinkError(name, null, "its core module at byte " + m.offset() + " is not valid: " + e.getMessage(), e);
                }
            } else if (d instanceof Definition.NestedComponent n) {
                compileModules(name, n.component(), compiler, engine, out);
            }
        }
    }

    public String name() {
        return name;
    }

    public Component root() {
        return root;
    }

    CompiledModule module(Definition.CoreModule m) {
        return modules.get(m);
    }

    /** The number of core modules (nested ones included). */
    public int moduleCount() {
        return modules.size();
    }

    /**
     * The host interfaces among the component's imports, bound to {@code ctx} (each function checks
     * the component's permissions itself); imports the host does not have are left out, and refused
     * when instantiating.
     */
    public Map<String, Object> hostImports(HostApi api, HostContext ctx) {
        return hostImports(api, ctx, null);
    }

    /**
     * As {@link #hostImports(HostApi, HostContext)}, plus the interfaces {@code wasi} serves by import name
     * (the WASI 0.2 host's {@code find}; null for none): its resource types become host resource types of
     * the instance it is imported as. A function, not the host's class, so this package does not depend on
     * the WASI package that builds on it.
     */
    public Map<String, Object> hostImports(HostApi api, HostContext ctx,
            java.util.function.Function<String, java.util.Optional<Map<String, Object>>> wasi) {
        Map<String, Object> imports = new LinkedHashMap<>();
        for (Definition.Import i : root.imports()) {
            String name = i.name().name();
            if (!(i.type() instanceof ai.asterai.protocol.component.ExternType.Instance)) {
                continue;
            }
            java.util.Optional<Map<String, Object>> served = wasi == null ? java.util.Optional.empty() : wasi.apply(name);
            if (served.isPresent()) {
                Map<String, Object> members = new LinkedHashMap<>();
                served.get().forEach((k, v) -> members.put(k, v instanceof ResourceType r ? new Instantiator.ResourceValue(r) : v));
                imports.put(name, members);
                continue;
            }
            api.find(name).ifPresent(host -> {
                Map<String, Object> functions = new LinkedHashMap<>();
                host.signatures().forEach((fn, sig) -> functions.put(fn, new HostFunction(sig, host.bind(fn, ctx)::call)));
                imports.put(name, functions);
            });
        }
        return imports;
    }

    /** A live instance and the functions it exports, keyed as the runtime names them. */
    public record Instantiated(ComponentWorld world, ComponentInstance instance) {
    }

    /**
     * Instantiates the component: its imports from {@code imports} (by import name: a
     * {@link ComponentFunction}, or a map of them for an instance), every memory capped at
     * {@code capBytes}, the whole instantiation (start functions included) within {@code timeout}.
     * Exports are keyed {@code name} for a function and {@code instance#name} for a function of an
     * exported instance.
     */
    public Instantiated instantiate(String worldId, Map<String, Object> imports, long capBytes, Duration timeout) {
        return instantiate(worldId, imports, capBytes, timeout, () -> { }, null);
    }

    /**
     * As {@link #instantiate(String, Map, long, Duration)}; {@code resources} (the WASI host's open files)
     * close with the instance; {@code memoryRefused} (or null) is told once when a memory.grow is refused
     * at the cap, with the size asked for.
     */
    public Instantiated instantiate(String worldId, Map<String, Object> imports, long capBytes, Duration timeout,
                                    AutoCloseable resources, java.util.function.LongConsumer memoryRefused) {
        Instantiator inst = new Instantiator(this, capBytes, memoryRefused);
        Map<String, Object> exports = InstanceFactory.guarded(name, "instantiate", timeout, inst.budget(), () -> inst.instantiateRoot(imports));
        List<ExportedFunction> functions = new ArrayList<>();
        Map<String, ComponentInstance.Invocation> calls = new LinkedHashMap<>();
        List<String> exportedInterfaces = new ArrayList<>();
        for (Map.Entry<String, Object> e : exports.entrySet()) {
            if (e.getValue() instanceof ComponentFunction f) {
                add(functions, calls, null, e.getKey(), f);
            } else if (e.getValue() instanceof Map<?, ?> instance) {
                exportedInterfaces.add(e.getKey());
                for (Map.Entry<?, ?> x : instance.entrySet()) {
                    if (x.getValue() instanceof ComponentFunction f) {
                        add(functions, calls, e.getKey(), (String) x.getKey(), f);
                    } else if (x.getValue() instanceof Instantiator.ResourceValue r && r.type().implementation() != null) {
                        add(functions, calls, e.getKey(), "[resource-drop]" + x.getKey(), dropper(r.type()));
                    }
                }
            }
        }
        List<String> imported = root.imports().stream().map(i -> i.name().name()).toList();
        ComponentWorld world = new ComponentWorld(worldId, functions, imported, exportedInterfaces, List.of());
        List<Memory> memories = inst.memories();
        ComponentInstance instance = ComponentInstance.of(name, calls, () -> {
            long max = 0;
            for (Memory m : memories) {
                max = Math.max(max, (long) m.pages() * Memory.PAGE_SIZE);
            }
            return max;
        }, resources, capBytes);
        return new Instantiated(world, instance);
    }

    /** How the host gives back an owned handle of an exported resource: its destructor runs in the guest. */
    private static ComponentFunction dropper(ResourceType type) {
        WitSignature sig = new WitSignature("[resource-drop]", List.of(new WitSignature.Param("self", new AbiType.OwnT(type))), null);
        return new HostFunction(sig, args -> {
            if (args.size() != 1 || !(args.get(0) instanceof WitValue.Handle h) || h.type() != type) {
                throw new ArgumentMismatch("self", "an owned handle to " + type + " is expected");
            }
            type.dropFromHost(h.rep());
            return null;
        });
    }

    private static void add(List<ExportedFunction> functions, Map<String, ComponentInstance.Invocation> calls, String iface,
                            String name, ComponentFunction f) {
        String key = iface == null ? name : iface + "#" + name;
        WitSignature sig = f.signature();
        functions.add(new ExportedFunction(key, iface, name, new WitSignature(name, sig.params(), sig.result())));
        calls.put(key, f::invoke);
    }
}
