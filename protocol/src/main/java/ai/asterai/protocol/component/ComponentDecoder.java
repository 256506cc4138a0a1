package ai.asterai.protocol.component;

import ai.asterai.protocol.component.ComponentType.ValType;
import ai.asterai.protocol.wasm.BoundedInput;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmBinary;
import ai.asterai.protocol.wasm.WasmLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes a component binary (preamble version 0x0d, layer 1) into a {@link Component}: every section,
 * nested components, and embedded core modules (kept as byte ranges, each structurally checked by
 * {@link WasmBinary} and read for its types, imports and exports). Every declared length and count is
 * checked against the bytes present and against {@link WasmLimits} before anything is allocated.
 * It does not validate (index bounds, types, names): {@link ComponentValidator} does.
 *
 * <p>Refused as malformed, besides what breaks the grammar: the gated features this project does not
 * run (async, streams, futures, error-context, threads, maps, value definitions) and core GC types.
 */
public final class ComponentDecoder {
    static final int VERSION = 0x0d;

    private final byte[] bytes;
    private final BoundedInput in;
    private final WasmLimits limits;
    private int typeNesting;

    private ComponentDecoder(byte[] bytes, WasmLimits limits) {
        this.bytes = bytes;
        this.in = BoundedInput.of(bytes);
        this.limits = limits;
    }

    /** Decodes with {@link WasmLimits#DEFAULT}. */
    public static Component decode(byte[] bytes) {
        return decode(bytes, WasmLimits.DEFAULT);
    }

    /**
     * Decodes a complete component binary.
     *
     * @throws MalformedComponentException with the byte offset where decoding stopped
     */
    public static Component decode(byte[] bytes, WasmLimits limits) {
        if (bytes.length > limits.maxBytes()) {
            throw new MalformedComponentException(0, "the binary has " + bytes.length
                    + " bytes, more than the limit of " + limits.maxBytes());
        }
        try {
            ComponentDecoder d = new ComponentDecoder(bytes, limits);
            d.preamble(0);
            Component c = d.component(0, 0);
            if (!d.in.atEnd()) {
                throw d.in.error("bytes after the end");
            }
            return c;
        } catch (MalformedWasmException e) {
            throw new MalformedComponentException(e.offset(), e.reason(), e);
        }
    }

    private MalformedWasmException unsupported(long at, String what) {
        return in.error(at, what + " is not supported (a gated component-model feature this decoder refuses)");
    }

    private void preamble(long at) {
        if (in.remaining() < 8) {
            throw in.error(at, "shorter than the 8-byte component preamble");
        }
        byte[] h = in.bytes(8);
        if (h[0] != 0 || h[1] != 'a' || h[2] != 's' || h[3] != 'm') {
            throw in.error(at, "no \\0asm magic number: not a WebAssembly binary");
        }
        if ((h[4] & 0xff) == 1 && h[5] == 0 && h[6] == 0 && h[7] == 0) {
            throw in.error(at + 4, "a core module where a component is expected");
        }
        if ((h[4] & 0xff) != VERSION || h[5] != 0 || h[6] != 1 || h[7] != 0) {
            throw in.error(at + 4, String.format("unsupported component version/layer %02x %02x %02x %02x (expected 0d 00 01 00)",
                    h[4], h[5], h[6], h[7]));
        }
    }

    // ---------------------------------------------------------------- sections

    private Component component(int depth, long start) {
        if (depth > limits.maxComponentDepth()) {
            throw in.error("components nested deeper than the limit of " + limits.maxComponentDepth());
        }
        List<Definition> defs = new ArrayList<>();
        for (int n = 1; !in.atEnd(); n++) {
            if (n > limits.maxSections()) {
                throw in.error("more sections than the limit of " + limits.maxSections());
            }
            long at = in.pos();
            int id = in.u8();
            long size = in.length("section " + id);
            in.push(size);
            switch (id) {
                case 0 -> defs.add(custom(at));
                case 1 -> defs.add(coreModule(at, size));
                case 2 -> coreInstances(defs);
                case 3 -> {
                    int count = in.count("core types", limits.maxTypes(), 1);
                    for (int i = 0; i < count; i++) {
                        long t = in.pos();
                        defs.add(new Definition.CoreTypeDefinition(t, coreType()));
                    }
                }
                case 4 -> {
                    preamble(in.pos());
                    defs.add(new Definition.NestedComponent(at, component(depth + 1, at)));
                }
                case 5 -> instances(defs);
                case 6 -> {
                    int count = in.count("aliases", limits.maxTypes(), 3);
                    for (int i = 0; i < count; i++) {
                        long a = in.pos();
                        defs.add(new Definition.AliasDefinition(a, alias()));
                    }
                }
                case 7 -> {
                    int count = in.count("types", limits.maxTypes(), 1);
                    for (int i = 0; i < count; i++) {
                        long t = in.pos();
                        defs.add(new Definition.TypeDefinition(t, type()));
                    }
                }
                case 8 -> canons(defs);
                case 9 -> defs.add(start(at));
                case 10 -> {
                    int count = in.count("imports", limits.maxImports(), 3);
                    for (int i = 0; i < count; i++) {
                        long a = in.pos();
                        defs.add(new Definition.Import(a, externName(), externType()));
                    }
                }
                case 11 -> exports(defs);
                case 12 -> throw unsupported(at, "the value section");
                default -> throw in.error(at, "malformed section id " + id);
            }
            in.pop("section " + id);
        }
        return new Component(bytes, start, defs);
    }

    private Definition.Custom custom(long at) {
        String name = in.name("custom section name", limits.maxNameBytes());
        long contentStart = in.pos();
        long length = in.remaining();
        in.skip(length); // custom contents need not be valid (the name section included)
        return new Definition.Custom(at, name, contentStart, length);
    }

    private Definition.CoreModule coreModule(long at, long size) {
        long start = in.pos();
        if (size > Integer.MAX_VALUE - 16) {
            throw in.error(at, "a core module of " + size + " bytes");
        }
        byte[] module = Arrays.copyOfRange(bytes, (int) start, (int) (start + size)); // size checked against the bytes left
        try {
            if (WasmBinary.check(module, limits) != WasmBinary.Kind.CORE_MODULE) {
                throw in.error(start, "a component where a core module is expected");
            }
        } catch (MalformedWasmException e) {
            throw in.error(start + e.offset(), "in a core module: " + e.reason());
        }
        CoreModuleInfo info = CoreModuleReader.read(module, start, limits);
        in.skip(size);
        return new Definition.CoreModule(at, start, size, info);
    }

    private void coreInstances(List<Definition> defs) {
        int count = in.count("core instances", limits.maxTypes(), 2);
        for (int i = 0; i < count; i++) {
            long at = in.pos();
            int tag = in.u8();
            if (tag == 0x00) {
                long module = in.u32();
                int n = in.count("core instantiation arguments", limits.maxImports(), 3);
                List<Definition.CoreInstantiateArg> args = new ArrayList<>(n);
                for (int a = 0; a < n; a++) {
                    String name = in.name("argument name", limits.maxNameBytes());
                    long sortAt = in.pos();
                    int sort = in.u8();
                    if (sort != 0x12) {
                        throw in.error(sortAt, String.format("a core instantiation argument must be an instance (0x12), not 0x%02x", sort));
                    }
                    args.add(new Definition.CoreInstantiateArg(name, in.u32()));
                }
                defs.add(new Definition.CoreInstantiate(at, module, args));
            } else if (tag == 0x01) {
                int n = in.count("core inline exports", limits.maxExports(), 3);
                List<Definition.CoreInlineExport> exports = new ArrayList<>(n);
                for (int a = 0; a < n; a++) {
                    String name = in.name("export name", limits.maxNameBytes());
                    Sort sort = coreSort();
                    exports.add(new Definition.CoreInlineExport(name, sort, in.u32()));
                }
                defs.add(new Definition.CoreInlineInstance(at, exports));
            } else {
                throw in.error(at, String.format("malformed core instance tag 0x%02x", tag));
            }
        }
    }

    private void instances(List<Definition> defs) {
        int count = in.count("instances", limits.maxTypes(), 2);
        for (int i = 0; i < count; i++) {
            long at = in.pos();
            int tag = in.u8();
            if (tag == 0x00) {
                long component = in.u32();
                int n = in.count("instantiation arguments", limits.maxImports(), 3);
                List<Definition.InstantiateArg> args = new ArrayList<>(n);
                for (int a = 0; a < n; a++) {
                    String name = in.name("argument name", limits.maxNameBytes());
                    Sort sort = sort();
                    args.add(new Definition.InstantiateArg(name, sort, in.u32()));
                }
                defs.add(new Definition.Instantiate(at, component, args));
            } else if (tag == 0x01) {
                int n = in.count("inline exports", limits.maxExports(), 3);
                List<Definition.InlineExport> exports = new ArrayList<>(n);
                for (int a = 0; a < n; a++) {
                    ExternName name = externName();
                    Sort sort = sort();
                    exports.add(new Definition.InlineExport(name, sort, in.u32()));
                }
                defs.add(new Definition.InlineInstance(at, exports));
            } else {
                throw in.error(at, String.format("malformed instance tag 0x%02x", tag));
            }
        }
    }

    private Sort coreSort() {
        long at = in.pos();
        int b = in.u8();
        Sort sort = Sort.core(b);
        if (sort == null) {
            throw in.error(at, String.format("malformed core sort 0x%02x", b));
        }
        return sort;
    }

    private Sort sort() {
        long at = in.pos();
        int b = in.u8();
        if (b == 0x00) {
            return coreSort();
        }
        Sort sort = Sort.component(b);
        if (sort == null) {
            throw in.error(at, String.format("malformed sort 0x%02x", b));
        }
        return sort;
    }

    private Alias alias() {
        Sort sort = sort();
        long at = in.pos();
        int tag = in.u8();
        return switch (tag) {
            case 0x00 -> new Alias.InstanceExport(sort, in.u32(), in.name("export name", limits.maxNameBytes()));
            case 0x01 -> new Alias.CoreInstanceExport(sort, in.u32(), in.name("export name", limits.maxNameBytes()));
            case 0x02 -> new Alias.Outer(sort, in.u32(), in.u32());
            default -> throw in.error(at, String.format("malformed alias target 0x%02x", tag));
        };
    }

    private void canons(List<Definition> defs) {
        int count = in.count("canonical definitions", limits.maxFunctions(), 1);
        for (int i = 0; i < count; i++) {
            long at = in.pos();
            int op = in.u8();
            switch (op) {
                case 0x00 -> {
                    funcSortByte();
                    long core = in.u32();
                    Definition.CanonOptions opts = options();
                    defs.add(new Definition.CanonLift(at, core, opts, in.u32()));
                }
                case 0x01 -> {
                    funcSortByte();
                    long func = in.u32();
                    defs.add(new Definition.CanonLower(at, func, options()));
                }
                case 0x02 -> defs.add(new Definition.ResourceNew(at, in.u32()));
                case 0x03 -> defs.add(new Definition.ResourceDrop(at, in.u32()));
                case 0x04 -> defs.add(new Definition.ResourceRep(at, in.u32()));
                default -> {
                    if (op <= 0x42) {
                        throw unsupported(at, String.format("canonical built-in 0x%02x (async, threads or error-context)", op));
                    }
                    throw in.error(at, String.format("malformed canonical definition 0x%02x", op));
                }
            }
        }
    }

    private void funcSortByte() {
        long at = in.pos();
        int b = in.u8();
        if (b != 0x00) {
            throw in.error(at, String.format("malformed canonical definition: expected 0x00 (func), got 0x%02x", b));
        }
    }

    private Definition.CanonOptions options() {
        int n = in.count("canonical options", 16, 1);
        Optional<Definition.StringEncoding> enc = Optional.empty();
        Optional<Long> memory = Optional.empty();
        Optional<Long> realloc = Optional.empty();
        Optional<Long> post = Optional.empty();
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            int op = in.u8();
            switch (op) {
                case 0x00, 0x01, 0x02 -> {
                    if (enc.isPresent()) {
                        throw in.error(at, "canonical encoding option conflicts with another");
                    }
                    enc = Optional.of(Definition.StringEncoding.values()[op]);
                }
                case 0x03 -> {
                    if (memory.isPresent()) {
                        throw in.error(at, "canonical option `memory` is specified more than once");
                    }
                    memory = Optional.of(in.u32());
                }
                case 0x04 -> {
                    if (realloc.isPresent()) {
                        throw in.error(at, "canonical option `realloc` is specified more than once");
                    }
                    realloc = Optional.of(in.u32());
                }
                case 0x05 -> {
                    if (post.isPresent()) {
                        throw in.error(at, "canonical option `post-return` is specified more than once");
                    }
                    post = Optional.of(in.u32());
                }
                case 0x06, 0x07 -> throw unsupported(at, "the async canonical options");
                default -> throw in.error(at, String.format("malformed canonical option 0x%02x", op));
            }
        }
        return new Definition.CanonOptions(enc, memory, realloc, post);
    }

    private Definition.Start start(long at) {
        long func = in.u32();
        int n = in.count("start arguments", limits.maxParams(), 1);
        List<Long> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            args.add(in.u32());
        }
        long results = in.u32();
        if (results > limits.maxResults()) {
            throw in.error(at, "a start function with " + results + " results, more than the limit of " + limits.maxResults());
        }
        return new Definition.Start(at, func, args, results);
    }

    private void exports(List<Definition> defs) {
        int count = in.count("exports", limits.maxExports(), 4);
        for (int i = 0; i < count; i++) {
            long at = in.pos();
            ExternName name = externName();
            Sort sort = sort();
            long index = in.u32();
            Optional<ExternType> type = optional() ? Optional.of(externType()) : Optional.empty();
            defs.add(new Definition.Export(at, name, sort, index, type));
        }
    }

    /** {@code 0x00} absent, {@code 0x01} present. */
    private boolean optional() {
        long at = in.pos();
        int b = in.u8();
        if (b > 1) {
            throw in.error(at, String.format("malformed optional: 0x%02x (expected 0x00 or 0x01)", b));
        }
        return b == 1;
    }

    private ExternName externName() {
        long at = in.pos();
        int tag = in.u8();
        if (tag > 2) {
            throw in.error(at, String.format("malformed name tag 0x%02x", tag));
        }
        String name = in.name("name", limits.maxNameBytes());
        if (tag < 2) {
            return ExternName.of(name);
        }
        int n = in.count("name attributes", 3, 2);
        List<ExternName.Attribute> attrs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long a = in.pos();
            int kind = in.u8();
            if (kind > 2) {
                throw in.error(a, String.format("malformed name attribute 0x%02x", kind));
            }
            attrs.add(new ExternName.Attribute(kind, in.name("name attribute", limits.maxNameBytes())));
        }
        return new ExternName(name, attrs);
    }

    private ExternType externType() {
        long at = in.pos();
        int tag = in.u8();
        return switch (tag) {
            case 0x00 -> {
                long b = in.pos();
                if (in.u8() != 0x11) {
                    throw in.error(b, "malformed core extern type: only core modules (0x11)");
                }
                yield new ExternType.CoreModule(in.u32());
            }
            case 0x01 -> new ExternType.Func(in.u32());
            case 0x02 -> {
                long b = in.pos();
                int bound = in.u8();
                if (bound == 0x00) {
                    yield new ExternType.Value(null, in.u32());
                } else if (bound == 0x01) {
                    yield new ExternType.Value(valType(), null);
                }
                throw in.error(b, String.format("malformed value bound 0x%02x", bound));
            }
            case 0x03 -> {
                long b = in.pos();
                int bound = in.u8();
                if (bound == 0x00) {
                    yield new ExternType.TypeEq(in.u32());
                } else if (bound == 0x01) {
                    yield new ExternType.TypeSubResource();
                }
                throw in.error(b, String.format("malformed type bound 0x%02x", bound));
            }
            case 0x04 -> new ExternType.Component(in.u32());
            case 0x05 -> new ExternType.Instance(in.u32());
            default -> throw in.error(at, String.format("malformed extern type 0x%02x", tag));
        };
    }

    // ---------------------------------------------------------------- component types

    private void enter(long at) {
        if (++typeNesting > limits.maxComponentDepth()) {
            throw in.error(at, "types nested deeper than the limit of " + limits.maxComponentDepth());
        }
    }

    private ComponentType type() {
        long at = in.pos();
        int b = in.peek();
        switch (b) {
            case 0x40 -> {
                in.u8();
                return funcType();
            }
            case 0x43 -> throw unsupported(at, "an async function type");
            case 0x41, 0x42 -> {
                in.u8();
                enter(at);
                int n = in.count("declarations", limits.maxTypes(), 2);
                List<ComponentType.Decl> decls = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    decls.add(decl(b == 0x41));
                }
                typeNesting--;
                return b == 0x41 ? new ComponentType.ComponentTypeDef(decls) : new ComponentType.InstanceTypeDef(decls);
            }
            case 0x3f -> {
                in.u8();
                long repAt = in.pos();
                CoreType.ValType rep = coreValType();
                if (rep != CoreType.ValType.I32) {
                    throw in.error(repAt, "a resource's representation must be i32");
                }
                Optional<Long> dtor = optional() ? Optional.of(in.u32()) : Optional.empty();
                return new ComponentType.Resource(rep, dtor);
            }
            case 0x3e -> throw unsupported(at, "an async resource type");
            default -> {
                return defValType();
            }
        }
    }

    private ComponentType.Func funcType() {
        int n = in.count("parameters", limits.maxParams(), 2);
        List<ComponentType.Param> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            params.add(new ComponentType.Param(label(), valType()));
        }
        long at = in.pos();
        int tag = in.u8();
        if (tag == 0x00) {
            return new ComponentType.Func(params, Optional.of(valType()));
        }
        if (tag == 0x01) {
            long z = in.pos();
            int zero = in.u8();
            if (zero != 0x00) {
                throw in.error(z, "named results are no longer supported (expected 0x00 after 0x01)");
            }
            return new ComponentType.Func(params, Optional.empty());
        }
        throw in.error(at, String.format("malformed function result list 0x%02x", tag));
    }

    private ComponentType.Decl decl(boolean component) {
        long at = in.pos();
        int tag = in.u8();
        switch (tag) {
            case 0x00 -> {
                return new ComponentType.CoreTypeDecl(at, coreType());
            }
            case 0x01 -> {
                return new ComponentType.TypeDecl(at, type());
            }
            case 0x02 -> {
                return new ComponentType.AliasDecl(at, alias());
            }
            case 0x03 -> {
                if (!component) {
                    throw in.error(at, "an import declaration in an instance type");
                }
                return new ComponentType.ImportDecl(at, externName(), externType());
            }
            case 0x04 -> {
                return new ComponentType.ExportDecl(at, externName(), externType());
            }
            default -> throw in.error(at, String.format("malformed %s type declaration 0x%02x",
                    component ? "component" : "instance", tag));
        }
    }

    private String label() {
        return in.name("label", limits.maxNameBytes());
    }

    private ComponentType.DefValType defValType() {
        long at = in.pos();
        int b = in.u8();
        ComponentType.Primitive p = primitive(b);
        if (p != null) {
            return p;
        }
        switch (b) {
            case 0x72 -> {
                int n = in.count("record fields", limits.maxTypes(), 2);
                List<ComponentType.Field> fields = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    fields.add(new ComponentType.Field(label(), valType()));
                }
                return new ComponentType.Record(fields);
            }
            case 0x71 -> {
                int n = in.count("variant cases", limits.maxTypes(), 3);
                List<ComponentType.Case> cases = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String label = label();
                    Optional<ValType> t = optional() ? Optional.of(valType()) : Optional.empty();
                    long z = in.pos();
                    if (in.u8() != 0x00) {
                        throw in.error(z, "variant case refinements are not supported (expected 0x00)");
                    }
                    cases.add(new ComponentType.Case(label, t));
                }
                return new ComponentType.Variant(cases);
            }
            case 0x70 -> {
                return new ComponentType.ListType(valType(), Optional.empty());
            }
            case 0x67 -> {
                ValType t = valType();
                return new ComponentType.ListType(t, Optional.of(in.u32()));
            }
            case 0x6f -> {
                int n = in.count("tuple types", limits.maxTypes(), 1);
                List<ValType> types = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    types.add(valType());
                }
                return new ComponentType.Tuple(types);
            }
            case 0x6e, 0x6d -> {
                int n = in.count(b == 0x6e ? "flags" : "enum cases", limits.maxTypes(), 1);
                List<String> labels = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    labels.add(label());
                }
                return b == 0x6e ? new ComponentType.Flags(labels) : new ComponentType.Enum(labels);
            }
            case 0x6b -> {
                return new ComponentType.OptionType(valType());
            }
            case 0x6a -> {
                Optional<ValType> ok = optional() ? Optional.of(valType()) : Optional.empty();
                Optional<ValType> err = optional() ? Optional.of(valType()) : Optional.empty();
                return new ComponentType.Result(ok, err);
            }
            case 0x69 -> {
                return new ComponentType.Own(in.u32());
            }
            case 0x68 -> {
                return new ComponentType.Borrow(in.u32());
            }
            case 0x66, 0x65 -> throw unsupported(at, b == 0x66 ? "the stream type" : "the future type");
            case 0x64 -> throw unsupported(at, "the error-context type");
            case 0x63 -> throw unsupported(at, "the map type");
            default -> throw in.error(at, String.format("malformed type: unknown type opcode 0x%02x", b));
        }
    }

    private static ComponentType.Primitive primitive(int b) {
        if (b >= 0x73 && b <= 0x7f) {
            return ComponentType.Primitive.values()[0x7f - b];
        }
        return null;
    }

    /** {@code valtype}: a primitive opcode (negative as an s33) or a non-negative type index. */
    private ValType valType() {
        long at = in.pos();
        int first = in.peek();
        if ((first & 0x80) == 0 && (first & 0x40) != 0) { // a one-byte negative s33: an opcode
            in.u8();
            ComponentType.Primitive p = primitive(first);
            if (p != null) {
                return p;
            }
            if (first == 0x64) {
                throw unsupported(at, "the error-context type");
            }
            throw in.error(at, String.format("malformed value type: unknown opcode 0x%02x", first));
        }
        long value = 0;
        int shift = 0;
        for (int i = 0; i < 5; i++) { // s33 in at most 5 bytes; must be non-negative and fit a u32
            int b = in.u8();
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if ((b & 0x40) != 0) { // sign bit: a negative multi-byte s33 is no opcode
                    throw in.error(at, "malformed value type: a negative type index");
                }
                if (value > 0xffff_ffffL) {
                    throw in.error(at, "malformed value type: type index too large");
                }
                return new ComponentType.TypeIndex(value);
            }
        }
        throw in.error(at, "malformed value type: integer representation too long");
    }

    // ---------------------------------------------------------------- core types

    private CoreType coreType() {
        long at = in.pos();
        int b = in.u8();
        switch (b) {
            case 0x60 -> {
                return coreFuncType();
            }
            case 0x50 -> {
                enter(at);
                int n = in.count("module type declarations", limits.maxImports(), 2);
                List<CoreType.ModuleDecl> decls = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long d = in.pos();
                    int tag = in.u8();
                    switch (tag) {
                        case 0x00 -> decls.add(new CoreType.ImportDecl(in.name("import module", limits.maxNameBytes()),
                                in.name("import name", limits.maxNameBytes()), coreExtern()));
                        case 0x01 -> decls.add(new CoreType.TypeDecl(coreType()));
                        case 0x02 -> {
                            long s = in.pos();
                            if (in.u8() != 0x10 || in.u8() != 0x01) {
                                throw in.error(s, "malformed core alias: only outer type aliases (0x10 0x01)");
                            }
                            decls.add(new CoreType.OuterAliasDecl(in.u32(), in.u32()));
                        }
                        case 0x03 -> decls.add(new CoreType.ExportDecl(in.name("export name", limits.maxNameBytes()), coreExtern()));
                        default -> throw in.error(d, String.format("malformed module type declaration 0x%02x", tag));
                    }
                }
                typeNesting--;
                return new CoreType.Module(decls);
            }
            case 0x00, 0x4e, 0x4f, 0x5e, 0x5f -> throw unsupported(at, "a core garbage-collection type");
            default -> throw in.error(at, String.format("malformed core type opcode 0x%02x", b));
        }
    }

    private CoreType.Func coreFuncType() {
        int p = in.count("core parameters", limits.maxParams(), 1);
        List<CoreType.ValType> params = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            params.add(coreValType());
        }
        int r = in.count("core results", limits.maxResults(), 1);
        List<CoreType.ValType> results = new ArrayList<>(r);
        for (int i = 0; i < r; i++) {
            results.add(coreValType());
        }
        return new CoreType.Func(params, results);
    }

    private CoreType.ValType coreValType() {
        return CoreModuleReader.valType(in);
    }

    private CoreType.CoreExtern coreExtern() {
        return CoreModuleReader.externType(in);
    }
}
