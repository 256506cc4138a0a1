package ai.asterai.runtime.component;

import ai.asterai.protocol.component.Alias;
import ai.asterai.protocol.component.Component;
import ai.asterai.protocol.component.ComponentType;
import ai.asterai.protocol.component.CoreModuleInfo;
import ai.asterai.protocol.component.Definition;
import ai.asterai.protocol.component.ExternType;
import ai.asterai.protocol.component.Sort;
import ai.asterai.runtime.abi.AbiTrap;
import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.CanonOptions;
import ai.asterai.runtime.abi.CoreFunction;
import ai.asterai.runtime.abi.CoreType;
import ai.asterai.runtime.abi.Realloc;
import ai.asterai.runtime.abi.ResourceType;
import ai.asterai.runtime.abi.StringEncoding;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.engine.ChicoryGuestMemory;
import ai.asterai.runtime.engine.CompiledModule;
import ai.asterai.runtime.engine.InstanceFactory;
import ai.asterai.runtime.engine.MemoryBudget;
import ai.asterai.runtime.engine.ModuleInfo;
import ai.asterai.runtime.failure.ComponentLinkError;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instantiates a {@link ComponentProgram} as the component model's instantiation does, definition by
 * definition in binary order: core modules instantiated on the engine with their arguments wired from
 * core instances, aliases resolved (instance export, core export, outer), {@code canon lift} making
 * component functions and {@code canon lower} core functions, resource types made fresh for each
 * instance, nested components instantiated with their arguments, exports collected. Something the
 * binary names that is not there, or of the wrong kind, is a {@link ComponentLinkError}; guest code
 * that runs (start functions) runs under the caller's deadline.
 */
final class Instantiator {
    /** A core function value: its core type and how to call it. */
    record CoreFunc(FunctionType type, CoreFunction function) {
    }

    /** A type index space entry: a type definition with the scope its indices refer to, or a resource type. */
    sealed interface TypeValue {
    }

    record DefinedType(ComponentType type, Scope scope) implements TypeValue {
    }

    record ResourceValue(ResourceType type) implements TypeValue {
    }

    /** A component not yet instantiated, with the scope its outer aliases see. */
    record ComponentClosure(Component component, Scope scope) {
    }

    /** One component's index spaces while it is instantiated. */
    static final class Scope {
        final Scope parent;
        final InstanceState state;
        final Map<String, Object> args;
        final Map<String, Object> exports = new LinkedHashMap<>();
        final Map<Sort, List<Object>> spaces = new EnumMap<>(Sort.class);
        /** Export names of types by index, so a resource is named as the component exports it. */
        final Map<Long, String> typeNames = new java.util.HashMap<>();

        Scope(Scope parent, InstanceState state, Map<String, Object> args) {
            this.parent = parent;
            this.state = state;
            this.args = args;
            for (Sort s : Sort.values()) {
                spaces.put(s, new ArrayList<>());
            }
        }

        void add(Sort sort, Object value) {
            spaces.get(sort).add(value);
        }
    }

    private final ComponentProgram program;
    /** One cap for every memory of this component instance, however many core modules it holds. */
    private final MemoryBudget budget;
    private final List<Memory> memories = new ArrayList<>();
    private int instances;

    Instantiator(ComponentProgram program, long capBytes, java.util.function.LongConsumer memoryRefused) {
        this.program = program;
        this.budget = new MemoryBudget(capBytes, memoryRefused);
    }

    /** The cap all memories of this instance share. */
    MemoryBudget budget() {
        return budget;
    }

    /** The memories created so far (for the memory cap and the "out of memory" diagnosis). */
    List<Memory> memories() {
        return memories;
    }

    private ComponentLinkError error(String message) {
        return new ComponentLinkError(program.name(), null, message);
    }

    /** Instantiates the root component with {@code imports} (by import name); returns its exports by name. */
    Map<String, Object> instantiateRoot(Map<String, Object> imports) {
        List<String> missing = new ArrayList<>();
        for (Definition.Import i : program.root().imports()) {
            if (!imports.containsKey(i.name().name())) {
                missing.add(i.name().name());
            }
        }
        if (!missing.isEmpty()) {
            throw error("imports " + String.join(", ", missing) + ", which this host does not provide"
                    + (missing.stream().anyMatch(m -> m.startsWith("wasi:http/incoming-handler@"))
                    ? " (wasi:http/incoming-handler is the server side of wasi:http, which this host does not serve:"
                    + " a component may export it, and sends requests with wasi:http/outgoing-handler)" : "")
                    + (missing.stream().anyMatch(m -> m.startsWith("wasi:"))
                    ? " (of WASI 0.2 this host provides wasi:io, wasi:cli, wasi:clocks, wasi:random, wasi:filesystem,"
                    + " wasi:http types and outgoing-handler, and wasi:sockets with every socket refused)" : ""));
        }
        try {
            return instantiate(program.root(), null, new InstanceState(program.name(), null), imports);
        } catch (StackOverflowError e) {
            throw error("its types or components nest too deeply to instantiate");
        }
    }

    private Map<String, Object> instantiate(Component component, Scope outer, InstanceState state, Map<String, Object> args) {
        Scope scope = new Scope(outer, state, args);
        for (Definition d : component.definitions()) {
            if (d instanceof Definition.Export e && e.sort() == Sort.TYPE) {
                scope.typeNames.putIfAbsent(e.index(), e.name().name());
            }
        }
        for (Definition d : component.definitions()) {
            define(scope, d);
        }
        return scope.exports;
    }

    // ---------------------------------------------------------------- definitions

    private void define(Scope s, Definition d) {
        if (d instanceof Definition.Custom) {
            return;
        } else if (d instanceof Definition.CoreModule m) {
            s.add(Sort.CORE_MODULE, m);
        } else if (d instanceof Definition.CoreInstantiate ci) {
            Definition.CoreModule m = get(s, Sort.CORE_MODULE, ci.module(), Definition.CoreModule.class);
            Map<String, Map<String, Object>> args = new LinkedHashMap<>();
            for (Definition.CoreInstantiateArg a : ci.args()) {
                args.put(a.name(), coreInstance(s, a.instance()));
            }
            s.add(Sort.CORE_INSTANCE, instantiateCore(m, args));
        } else if (d instanceof Definition.CoreInlineInstance ci) {
            Map<String, Object> exports = new LinkedHashMap<>();
            for (Definition.CoreInlineExport e : ci.exports()) {
                exports.put(e.name(), get(s, e.sort(), e.index(), Object.class));
            }
            s.add(Sort.CORE_INSTANCE, exports);
        } else if (d instanceof Definition.CoreTypeDefinition t) {
            s.add(Sort.CORE_TYPE, t.type());
        } else if (d instanceof Definition.NestedComponent n) {
            s.add(Sort.COMPONENT, new ComponentClosure(n.component(), s));
        } else if (d instanceof Definition.Instantiate i) {
            ComponentClosure c = get(s, Sort.COMPONENT, i.component(), ComponentClosure.class);
            Map<String, Object> args = new LinkedHashMap<>();
            for (Definition.InstantiateArg a : i.args()) {
                args.put(a.name(), get(s, a.sort(), a.index(), Object.class));
            }
            InstanceState child = new InstanceState(s.state.name() + "/" + (++instances), s.state);
            s.add(Sort.INSTANCE, instantiate(c.component(), c.scope(), child, args));
        } else if (d instanceof Definition.InlineInstance i) {
            Map<String, Object> exports = new LinkedHashMap<>();
            for (Definition.InlineExport e : i.exports()) {
                exports.put(e.name().name(), get(s, e.sort(), e.index(), Object.class));
            }
            s.add(Sort.INSTANCE, exports);
        } else if (d instanceof Definition.AliasDefinition a) {
            s.add(a.alias().sort(), alias(s, a.alias()));
        } else if (d instanceof Definition.TypeDefinition t) {
            if (t.type() instanceof ComponentType.Resource r) {
                s.add(Sort.TYPE, new ResourceValue(resourceType(s, r, s.spaces.get(Sort.TYPE).size())));
            } else {
                s.add(Sort.TYPE, new DefinedType(t.type(), s));
            }
        } else if (d instanceof Definition.CanonLift l) {
            CoreFunc core = get(s, Sort.CORE_FUNC, l.coreFunc(), CoreFunc.class);
            WitSignature sig = signature(s, l.typeIndex(), "func" + s.spaces.get(Sort.FUNC).size());
            if (!sig.exportCore().equals(coreSignature(core.type()))) {
                throw error("canon lift at byte " + l.offset() + ": the core function has type " + coreSignature(core.type())
                        + " but " + sig.wit() + " lifts from " + sig.exportCore());
            }
            s.add(Sort.FUNC, new LiftedFunction(sig, core.function(), options(s, l.options()), s.state));
        } else if (d instanceof Definition.CanonLower l) {
            ComponentFunction f = get(s, Sort.FUNC, l.func(), ComponentFunction.class);
            WitSignature.CoreSignature t = f.signature().importCore();
            s.add(Sort.CORE_FUNC, new CoreFunc(functionType(t.params(), t.results()),
                    CanonBuiltins.lower(f, options(s, l.options()), s.state)));
        } else if (d instanceof Definition.ResourceNew r) {
            s.add(Sort.CORE_FUNC, new CoreFunc(functionType(List.of(CoreType.I32), List.of(CoreType.I32)),
                    CanonBuiltins.resourceNew(localResource(s, r.resource()), s.state)));
        } else if (d instanceof Definition.ResourceDrop r) {
            s.add(Sort.CORE_FUNC, new CoreFunc(functionType(List.of(CoreType.I32), List.of()),
                    CanonBuiltins.resourceDrop(resource(s, r.resource()), s.state)));
        } else if (d instanceof Definition.ResourceRep r) {
            s.add(Sort.CORE_FUNC, new CoreFunc(functionType(List.of(CoreType.I32), List.of(CoreType.I32)),
                    CanonBuiltins.resourceRep(localResource(s, r.resource()), s.state)));
        } else if (d instanceof Definition.Canon c) {
            throw error("canon definition at byte " + c.offset() + " is not supported (async, threads and streams are not)");
        } else if (d instanceof Definition.Start st) {
            if (!st.args().isEmpty() || st.results() != 0) {
                throw error("start function at byte " + st.offset() + " takes or returns values, which is not supported");
            }
            get(s, Sort.FUNC, st.func(), ComponentFunction.class).invoke(List.of());
        } else if (d instanceof Definition.Import i) {
            String name = i.name().name();
            Object v = s.args.get(name);
            if (v == null) {
                throw error("a nested component imports " + name + ", which its instantiation does not supply");
            }
            if (i.type() instanceof ExternType.Value) {
                throw error("imports value " + name + "; value imports are not supported");
            }
            checkKind(i.type().sort(), v, "import " + name);
            if (s.parent == null && i.type() instanceof ExternType.Instance it) {
                v = checkHostInstance(s, name, it.typeIndex(), (Map<?, ?>) v);
            } else if (s.parent == null && i.type() instanceof ExternType.Func ft) {
                checkHostFunction(s, name, signature(s, ft.typeIndex(), name), (ComponentFunction) v);
            }
            s.add(i.type().sort(), v);
        } else if (d instanceof Definition.Export e) {
            Object v = get(s, e.sort(), e.index(), Object.class);
            s.exports.put(e.name().name(), v);
            s.add(e.sort(), v);
        } else {
            throw error("unsupported definition at byte " + d.offset());
        }
    }

    /**
     * The host's functions for a root import are checked against the types the component declares
     * (nested instantiations are the validator's): every declared function must be there, and lower
     * to the same core signature.
     */
    private Map<String, Object> checkHostInstance(Scope s, String name, long typeIndex, Map<?, ?> provided) {
        // the instance as the component sees it: the host's functions and resources, plus the types it
        // declares as (eq ...) exports, so that `alias export` of e.g. a record type finds them
        Map<String, Object> instance = new LinkedHashMap<>();
        provided.forEach((k, v) -> instance.put((String) k, v));
        TypeValue t = get(s, Sort.TYPE, typeIndex, TypeValue.class);
        if (!(t instanceof DefinedType dt) || !(dt.type() instanceof ComponentType.InstanceTypeDef def)) {
            throw error("import " + name + " is not typed as an instance");
        }
        Scope decls = new Scope(dt.scope(), s.state, Map.of());
        for (ComponentType.Decl d : def.decls()) {
            if (d instanceof ComponentType.CoreTypeDecl c) {
                decls.add(Sort.CORE_TYPE, c.type());
            } else if (d instanceof ComponentType.TypeDecl td) {
                decls.add(Sort.TYPE, new DefinedType(td.type(), decls));
            } else if (d instanceof ComponentType.AliasDecl ad) {
                decls.add(ad.alias().sort(), alias(decls, ad.alias()));
            } else if (d instanceof ComponentType.ExportDecl ed) {
                String fn = ed.name().name();
                if (ed.type() instanceof ExternType.Func f) {
                    WitSignature declared = signature(decls, f.typeIndex(), fn);
                    if (!(provided.get(fn) instanceof ComponentFunction given)) {
                        throw error("imports " + name + "#" + fn + ", which this host does not provide");
                    }
                    checkHostFunction(decls, name + "#" + fn, declared, given);
                    decls.add(Sort.FUNC, given);
                } else if (ed.type() instanceof ExternType.TypeEq eq) {
                    TypeValue t2 = get(decls, Sort.TYPE, eq.typeIndex(), TypeValue.class);
                    if (provided.containsKey(fn)) {
                        throw error("imports " + name + " with a type " + fn + " where the host has a " + provided.get(fn));
                    }
                    instance.put(fn, t2);
                    decls.add(Sort.TYPE, t2);
                } else if (ed.type() instanceof ExternType.TypeSubResource) {
                    // an abstract resource the instance exports: the host must define it (WASI's streams, pollables)
                    if (!(provided.get(fn) instanceof ResourceValue r)) {
                        throw error("imports " + name + " with a resource " + fn + ", which this host does not provide");
                    }
                    decls.add(Sort.TYPE, r);
                } else {
                    throw error("imports " + name + " with a " + ed.type().sort() + " export " + fn
                            + "; the host provides functions only");
                }
            }
        }
        return instance;
    }

    private void checkHostFunction(Scope s, String name, WitSignature declared, ComponentFunction given) {
        WitSignature host = given.signature();
        if (declared.params().size() != host.params().size() || !declared.importCore().equals(host.importCore())
                || (declared.result() == null) != (host.result() == null)) {
            throw error("imports " + name + " as " + declared.wit() + ", but the host's is " + host.wit());
        }
    }

    private Object alias(Scope s, Alias a) {
        if (a instanceof Alias.InstanceExport ie) {
            Map<?, ?> inst = get(s, Sort.INSTANCE, ie.instance(), Map.class);
            Object v = inst.get(ie.name());
            if (v == null) {
                throw error("instance " + ie.instance() + " has no export " + ie.name());
            }
            return checkKind(a.sort(), v, "export " + ie.name());
        } else if (a instanceof Alias.CoreInstanceExport ce) {
            Map<String, Object> inst = coreInstance(s, ce.coreInstance());
            Object v = inst.get(ce.name());
            if (v == null) {
                throw error("core instance " + ce.coreInstance() + " has no export " + ce.name());
            }
            return checkKind(a.sort(), v, "core export " + ce.name());
        } else if (a instanceof Alias.Outer o) {
            Scope target = s;
            for (long i = 0; i < o.count(); i++) {
                target = target.parent;
                if (target == null) {
                    throw error("outer alias of " + o.count() + " scopes out goes past the outermost component");
                }
            }
            return get(target, o.sort(), o.index(), Object.class);
        }
        throw error("unsupported alias " + a);
    }

    /** A value's run-time kind must be what its sort says, else a crafted binary could confuse the linker. */
    private Object checkKind(Sort sort, Object v, String what) {
        Class<?> kind = switch (sort) {
            case CORE_FUNC -> CoreFunc.class;
            case CORE_MEMORY -> Memory.class;
            case CORE_TABLE -> TableInstance.class;
            case CORE_GLOBAL -> GlobalInstance.class;
            case CORE_MODULE -> Definition.CoreModule.class;
            case CORE_INSTANCE, INSTANCE -> Map.class;
            case FUNC -> ComponentFunction.class;
            case TYPE -> TypeValue.class;
            case COMPONENT -> ComponentClosure.class;
            default -> null;
        };
        if (kind == null || !kind.isInstance(v)) {
            throw error(what + " is not a " + sort);
        }
        return v;
    }

    private <T> T get(Scope s, Sort sort, long index, Class<T> kind) {
        List<Object> space = s.spaces.get(sort);
        if (index < 0 || index >= space.size()) {
            throw error(sort + " index " + index + " is out of bounds (" + space.size() + " defined)");
        }
        Object v = space.get((int) index);
        if (!kind.isInstance(v)) {
            throw error(sort + " " + index + " is not a " + kind.getSimpleName());
        }
        return kind.cast(v);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> coreInstance(Scope s, long index) {
        return (Map<String, Object>) get(s, Sort.CORE_INSTANCE, index, Map.class);
    }

    // ---------------------------------------------------------------- core instances

    private Map<String, Object> instantiateCore(Definition.CoreModule m, Map<String, Map<String, Object>> args) {
        CompiledModule cm = program.module(m);
        CoreModuleInfo info = m.info();
        List<HostFunction> functions = new ArrayList<>();
        List<ImportMemory> mems = new ArrayList<>();
        List<ImportTable> tables = new ArrayList<>();
        List<ImportGlobal> globals = new ArrayList<>();
        for (CoreModuleInfo.Import imp : info.imports()) {
            Map<String, Object> from = args.get(imp.module());
            Object v = from == null ? null : from.get(imp.name());
            String what = imp.module() + "." + imp.name();
            if (v == null) {
                throw error("core module at byte " + m.offset() + " imports " + what + ", which its instantiation does not supply");
            }
            if (imp.type() instanceof ai.asterai.protocol.component.CoreType.FuncExtern fe) {
                if (!(v instanceof CoreFunc f)) {
                    throw error("core import " + what + " needs a function");
                }
                FunctionType want = declared(info, fe.typeIndex());
                if (want == null || !want.equals(f.type())) {
                    throw error("core import " + what + " has type " + want + " but is given a function of type " + f.type());
                }
                CoreFunction fn = f.function();
                functions.add(new HostFunction(imp.module(), imp.name(), f.type(), (inst, a) -> fn.call(a)));
            } else if (imp.type() instanceof ai.asterai.protocol.component.CoreType.MemoryExtern) {
                if (!(v instanceof Memory mem)) {
                    throw error("core import " + what + " needs a memory");
                }
                mems.add(new ImportMemory(imp.module(), imp.name(), mem));
            } else if (imp.type() instanceof ai.asterai.protocol.component.CoreType.TableExtern) {
                if (!(v instanceof TableInstance t)) {
                    throw error("core import " + what + " needs a table");
                }
                tables.add(new ImportTable(imp.module(), imp.name(), t));
            } else if (imp.type() instanceof ai.asterai.protocol.component.CoreType.GlobalExtern) {
                if (!(v instanceof GlobalInstance g)) {
                    throw error("core import " + what + " needs a global");
                }
                globals.add(new ImportGlobal(imp.module(), imp.name(), g));
            } else {
                throw error("core import " + what + " is a tag; exception handling is not supported");
            }
        }
        Instance instance = InstanceFactory.coreInstance(program.name(), cm, budget)
                .withImportValues(ImportValues.builder().withFunctions(new ArrayList<>(functions)).withMemories(mems)
                        .withTables(tables).withGlobals(globals).build())
                .build();
        Map<String, Object> exports = new LinkedHashMap<>();
        for (CoreModuleInfo.Export e : info.exports()) {
            switch (e.kind()) {
                case 0 -> {
                    ExportFunction f = instance.export(e.name());
                    exports.put(e.name(), new CoreFunc(instance.exportType(e.name()), f::apply));
                }
                case 1 -> exports.put(e.name(), instance.exports().table(e.name()));
                case 2 -> {
                    Memory mem = instance.exports().memory(e.name());
                    memories.add(mem);
                    exports.put(e.name(), mem);
                }
                case 3 -> exports.put(e.name(), instance.exports().global(e.name()));
                default -> {
                    // tags: not supported, and nothing can use them without exception handling
                }
            }
        }
        return exports;
    }

    private static FunctionType declared(CoreModuleInfo info, long typeIndex) {
        if (typeIndex < 0 || typeIndex >= info.types().size()) {
            return null;
        }
        ai.asterai.protocol.component.CoreType.Func t = info.types().get((int) typeIndex);
        List<ValType> p = new ArrayList<>();
        List<ValType> r = new ArrayList<>();
        for (var v : t.params()) {
            p.add(valType(v));
        }
        for (var v : t.results()) {
            r.add(valType(v));
        }
        return FunctionType.of(p, r);
    }

    private static ValType valType(ai.asterai.protocol.component.CoreType.ValType v) {
        return switch (v) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            case FUNCREF -> ValType.FuncRef;
            case EXTERNREF -> ValType.ExternRef;
            default -> ValType.ExnRef;
        };
    }

    private static FunctionType functionType(List<CoreType> params, List<CoreType> results) {
        return FunctionType.of(ModuleInfo.valTypes(params), ModuleInfo.valTypes(results));
    }

    /** The ABI's view of a core function type, or null when it uses types the ABI never flattens to. */
    private static WitSignature.CoreSignature coreSignature(FunctionType t) {
        List<CoreType> p = new ArrayList<>();
        List<CoreType> r = new ArrayList<>();
        for (ValType v : t.params()) {
            p.add(ModuleInfo.coreType(v));
        }
        for (ValType v : t.returns()) {
            r.add(ModuleInfo.coreType(v));
        }
        return p.contains(null) || r.contains(null) ? null : new WitSignature.CoreSignature(p, r);
    }

    // ---------------------------------------------------------------- canonical options and types

    private CanonOptions options(Scope s, Definition.CanonOptions o) {
        ChicoryGuestMemory memory = o.memory().map(i -> new ChicoryGuestMemory(get(s, Sort.CORE_MEMORY, i, Memory.class))).orElse(null);
        Realloc realloc = o.realloc().map(i -> realloc(get(s, Sort.CORE_FUNC, i, CoreFunc.class))).orElse(null);
        CoreFunction post = o.postReturn().map(i -> get(s, Sort.CORE_FUNC, i, CoreFunc.class).function()).orElse(null);
        StringEncoding enc = switch (o.stringEncoding()) {
            case UTF8 -> StringEncoding.UTF8;
            case UTF16 -> StringEncoding.UTF16;
            case LATIN1_UTF16 -> StringEncoding.LATIN1_UTF16;
        };
        return new CanonOptions(memory, realloc, post, enc);
    }

    private static Realloc realloc(CoreFunc f) {
        CoreFunction fn = f.function();
        return (old, oldSize, align, size) -> {
            long[] r = fn.call(old & 0xFFFFFFFFL, oldSize & 0xFFFFFFFFL, align & 0xFFFFFFFFL, size & 0xFFFFFFFFL);
            if (r == null || r.length != 1) {
                throw new AbiTrap("realloc returned no pointer");
            }
            return (int) r[0];
        };
    }

    private ResourceType resourceType(Scope s, ComponentType.Resource r, int index) {
        ResourceType.Destructor dtor = r.destructor()
                .map(i -> CanonBuiltins.destructor(get(s, Sort.CORE_FUNC, i, CoreFunc.class).function(), s.state))
                .orElse(null);
        return new ResourceType(s.typeNames.getOrDefault((long) index, "resource" + index), s.state.handles(), dtor);
    }

    private ResourceType resource(Scope s, long typeIndex) {
        TypeValue t = get(s, Sort.TYPE, typeIndex, TypeValue.class);
        if (t instanceof ResourceValue r) {
            return r.type();
        }
        throw error("type " + typeIndex + " is not a resource type");
    }

    /** resource.new and resource.rep are only for a resource the component itself defines. */
    private ResourceType localResource(Scope s, long typeIndex) {
        ResourceType r = resource(s, typeIndex);
        if (r.implementation() != s.state.handles()) {
            throw error("resource.new/resource.rep of type " + typeIndex + ", which this component does not define");
        }
        return r;
    }

    private WitSignature signature(Scope s, long typeIndex, String name) {
        TypeValue t = get(s, Sort.TYPE, typeIndex, TypeValue.class);
        if (!(t instanceof DefinedType dt) || !(dt.type() instanceof ComponentType.Func f)) {
            throw error("type " + typeIndex + " is not a function type");
        }
        List<WitSignature.Param> params = new ArrayList<>();
        for (ComponentType.Param p : f.params()) {
            params.add(new WitSignature.Param(p.label(), abi(dt.scope(), p.type())));
        }
        return new WitSignature(name, params, f.result().map(r -> abi(dt.scope(), r)).orElse(null));
    }

    AbiType abi(Scope s, ComponentType.ValType t) {
        if (t instanceof ComponentType.Primitive p) {
            return scalar(p);
        }
        long index = ((ComponentType.TypeIndex) t).index();
        TypeValue v = get(s, Sort.TYPE, index, TypeValue.class);
        if (!(v instanceof DefinedType dt) || !(dt.type() instanceof ComponentType.DefValType def)) {
            throw error("type " + index + " is used as a value type but is not one");
        }
        return abiDef(dt.scope(), def);
    }

    private AbiType abiDef(Scope s, ComponentType.DefValType def) {
        if (def instanceof ComponentType.Primitive p) {
            return scalar(p);
        } else if (def instanceof ComponentType.Record r) {
            List<String> names = new ArrayList<>();
            List<AbiType> types = new ArrayList<>();
            for (ComponentType.Field f : r.fields()) {
                names.add(f.label());
                types.add(abi(s, f.type()));
            }
            return AbiType.RecordT.of("record", names, types);
        } else if (def instanceof ComponentType.Variant v) {
            List<AbiType.Case> cases = new ArrayList<>();
            for (ComponentType.Case c : v.cases()) {
                cases.add(new AbiType.Case(c.label(), c.type().map(x -> abi(s, x)).orElse(null)));
            }
            return AbiType.VariantT.of("variant", cases);
        } else if (def instanceof ComponentType.ListType l) {
            AbiType e = abi(s, l.element());
            if (l.length().isPresent()) {
                long n = l.length().get();
                if (n <= 0 || n > 1 << 16) {
                    throw error("fixed-length list of " + n + " elements is not supported");
                }
                return new AbiType.FixedListT(e, (int) n);
            }
            return new AbiType.ListT(e);
        } else if (def instanceof ComponentType.Tuple t) {
            List<AbiType> types = new ArrayList<>();
            for (ComponentType.ValType x : t.types()) {
                types.add(abi(s, x));
            }
            return AbiType.TupleT.of(types);
        } else if (def instanceof ComponentType.Flags f) {
            return new AbiType.FlagsT("flags", f.labels());
        } else if (def instanceof ComponentType.Enum e) {
            return AbiType.EnumT.of("enum", e.labels());
        } else if (def instanceof ComponentType.OptionType o) {
            return AbiType.OptionT.of(abi(s, o.type()));
        } else if (def instanceof ComponentType.Result r) {
            return AbiType.ResultT.of(r.ok().map(x -> abi(s, x)).orElse(null), r.error().map(x -> abi(s, x)).orElse(null));
        } else if (def instanceof ComponentType.Own o) {
            return new AbiType.OwnT(resource(s, o.resource()));
        } else if (def instanceof ComponentType.Borrow b) {
            return new AbiType.BorrowT(resource(s, b.resource()));
        }
        throw error("unsupported value type " + def);
    }

    private static AbiType scalar(ComponentType.Primitive p) {
        return switch (p) {
            case BOOL -> AbiType.Scalar.BOOL;
            case S8 -> AbiType.Scalar.S8;
            case U8 -> AbiType.Scalar.U8;
            case S16 -> AbiType.Scalar.S16;
            case U16 -> AbiType.Scalar.U16;
            case S32 -> AbiType.Scalar.S32;
            case U32 -> AbiType.Scalar.U32;
            case S64 -> AbiType.Scalar.S64;
            case U64 -> AbiType.Scalar.U64;
            case F32 -> AbiType.Scalar.F32;
            case F64 -> AbiType.Scalar.F64;
            case CHAR -> AbiType.Scalar.CHAR;
            case STRING -> AbiType.Scalar.STRING;
        };
    }
}
