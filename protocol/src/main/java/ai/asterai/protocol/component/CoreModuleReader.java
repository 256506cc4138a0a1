package ai.asterai.protocol.component;

import ai.asterai.protocol.wasm.BoundedInput;
import ai.asterai.protocol.wasm.MalformedWasmException;
import ai.asterai.protocol.wasm.WasmLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the component model needs of a core module (types, imports, functions, tables, memories,
 * globals, exports), skipping code and data. Runs after {@code WasmBinary.check} accepted the module,
 * yet keeps every bound itself: it is a second reader of the same bytes, not a trusted one.
 */
final class CoreModuleReader {
    private final BoundedInput in;
    private final WasmLimits limits;
    private final List<CoreType.Func> types = new ArrayList<>();
    private final List<CoreModuleInfo.Import> imports = new ArrayList<>();
    private final List<Long> functions = new ArrayList<>();
    private final List<CoreType.CoreExtern> tables = new ArrayList<>();
    private final List<CoreType.CoreExtern> memories = new ArrayList<>();
    private final List<CoreType.CoreExtern> globals = new ArrayList<>();
    private final List<CoreModuleInfo.Export> exports = new ArrayList<>();

    private CoreModuleReader(BoundedInput in, WasmLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Reads {@code module} (a complete core module) that starts at {@code base} in the outer binary. */
    static CoreModuleInfo read(byte[] module, long base, WasmLimits limits) {
        try {
            return new CoreModuleReader(BoundedInput.of(module), limits).run();
        } catch (MalformedWasmException e) {
            throw new MalformedWasmException(base + e.offset(), "in a core module: " + e.reason());
        }
    }

    private CoreModuleInfo run() {
        in.skip(8); // header, checked by WasmBinary
        while (!in.atEnd()) {
            int id = in.u8();
            long size = in.length("section " + id);
            in.push(size);
            switch (id) {
                case 1 -> {
                    int n = in.count("types", limits.maxTypes(), 3);
                    for (int i = 0; i < n; i++) {
                        long at = in.pos();
                        if (in.u8() != 0x60) {
                            throw in.error(at, "only function types are supported in core modules");
                        }
                        types.add(funcType());
                    }
                }
                case 2 -> {
                    int n = in.count("imports", limits.maxImports(), 4);
                    for (int i = 0; i < n; i++) {
                        String module = in.name("import module name", limits.maxNameBytes());
                        String name = in.name("import name", limits.maxNameBytes());
                        CoreType.CoreExtern type = externType(in);
                        imports.add(new CoreModuleInfo.Import(module, name, type));
                        if (type instanceof CoreType.FuncExtern f) {
                            functions.add(f.typeIndex());
                        } else if (type instanceof CoreType.TableExtern) {
                            tables.add(type);
                        } else if (type instanceof CoreType.MemoryExtern) {
                            memories.add(type);
                        } else if (type instanceof CoreType.GlobalExtern) {
                            globals.add(type);
                        }
                    }
                }
                case 3 -> {
                    int n = in.count("functions", limits.maxFunctions(), 1);
                    for (int i = 0; i < n; i++) {
                        functions.add(in.u32());
                    }
                }
                case 4 -> {
                    int n = in.count("tables", limits.maxTables(), 3);
                    for (int i = 0; i < n; i++) {
                        boolean init = in.peek() == 0x40;
                        if (init) {
                            in.u8();
                            in.u8();
                        }
                        tables.add(tableType(in));
                        if (init) {
                            constExpr();
                        }
                    }
                }
                case 5 -> {
                    int n = in.count("memories", limits.maxMemories(), 2);
                    for (int i = 0; i < n; i++) {
                        memories.add(memoryType(in));
                    }
                }
                case 6 -> {
                    int n = in.count("globals", limits.maxGlobals(), 3);
                    for (int i = 0; i < n; i++) {
                        globals.add(globalType(in));
                        constExpr();
                    }
                }
                case 7 -> {
                    int n = in.count("exports", limits.maxExports(), 3);
                    for (int i = 0; i < n; i++) {
                        String name = in.name("export name", limits.maxNameBytes());
                        int kind = in.u8();
                        exports.add(new CoreModuleInfo.Export(name, kind, in.u32()));
                    }
                }
                default -> in.skip(in.remaining());
            }
            in.pop("section " + id);
        }
        return new CoreModuleInfo(types, imports, functions, tables, memories, globals, exports);
    }

    private CoreType.Func funcType() {
        int p = in.count("parameters", limits.maxParams(), 1);
        List<CoreType.ValType> params = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            params.add(valType(in));
        }
        int r = in.count("results", limits.maxResults(), 1);
        List<CoreType.ValType> results = new ArrayList<>(r);
        for (int i = 0; i < r; i++) {
            results.add(valType(in));
        }
        return new CoreType.Func(params, results);
    }

    /** Skips a constant expression (the forms constant expressions may use, extended-const included). */
    private void constExpr() {
        for (int i = 0; ; i++) {
            if (i > limits.maxFunctionSize()) {
                throw in.error("constant expression too long");
            }
            long at = in.pos();
            int op = in.u8();
            switch (op) {
                case 0x0b -> {
                    return;
                }
                case 0x41 -> in.signed(32);
                case 0x42 -> in.signed(64);
                case 0x43 -> in.skip(4);
                case 0x44 -> in.skip(8);
                case 0x23, 0xd2 -> in.u32();
                case 0xd0 -> in.signed(33);
                case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e -> {
                }
                case 0xfd -> {
                    if (in.u32() != 12) {
                        throw in.error(at, "unsupported vector instruction in a constant expression");
                    }
                    in.skip(16);
                }
                default -> throw in.error(at, String.format("unsupported opcode 0x%02x in a constant expression", op));
            }
        }
    }

    static CoreType.ValType valType(BoundedInput in) {
        long at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x7f -> CoreType.ValType.I32;
            case 0x7e -> CoreType.ValType.I64;
            case 0x7d -> CoreType.ValType.F32;
            case 0x7c -> CoreType.ValType.F64;
            case 0x7b -> CoreType.ValType.V128;
            case 0x70 -> CoreType.ValType.FUNCREF;
            case 0x6f -> CoreType.ValType.EXTERNREF;
            case 0x69 -> CoreType.ValType.EXNREF;
            case 0x71, 0x72, 0x73, 0x74, 0x6e, 0x6d, 0x6b, 0x6a, 0x6c -> CoreType.ValType.REF;
            case 0x63, 0x64 -> {
                in.signed(33);
                yield CoreType.ValType.REF;
            }
            default -> throw in.error(at, String.format("malformed core value type 0x%02x", b));
        };
    }

    static CoreType.CoreExtern externType(BoundedInput in) {
        long at = in.pos();
        int kind = in.u8();
        return switch (kind) {
            case 0x00 -> new CoreType.FuncExtern(in.u32());
            case 0x01 -> tableType(in);
            case 0x02 -> memoryType(in);
            case 0x03 -> globalType(in);
            case 0x04 -> {
                long a = in.pos();
                if (in.u8() != 0) {
                    throw in.error(a, "malformed tag attribute");
                }
                yield new CoreType.TagExtern(in.u32());
            }
            default -> throw in.error(at, String.format("malformed core import kind 0x%02x", kind));
        };
    }

    static CoreType.TableExtern tableType(BoundedInput in) {
        CoreType.ValType element = valType(in);
        long at = in.pos();
        int flags = in.u8();
        if (flags > 0x05 || (flags & 0x02) != 0) {
            throw in.error(at, String.format("malformed table limits flags 0x%02x", flags));
        }
        boolean wide = (flags & 0x04) != 0;
        long min = wide ? in.u64() : in.u32();
        Long max = (flags & 0x01) != 0 ? (wide ? in.u64() : in.u32()) : null;
        return new CoreType.TableExtern(element, min, max);
    }

    static CoreType.MemoryExtern memoryType(BoundedInput in) {
        long at = in.pos();
        int flags = in.u8();
        if (flags > 0x07) {
            throw in.error(at, String.format("malformed memory limits flags 0x%02x", flags));
        }
        boolean wide = (flags & 0x04) != 0;
        long min = wide ? in.u64() : in.u32();
        Long max = (flags & 0x01) != 0 ? (wide ? in.u64() : in.u32()) : null;
        return new CoreType.MemoryExtern(wide, (flags & 0x02) != 0, min, max);
    }

    static CoreType.GlobalExtern globalType(BoundedInput in) {
        CoreType.ValType t = valType(in);
        long at = in.pos();
        int mut = in.u8();
        if (mut > 1) {
            throw in.error(at, "malformed global mutability " + mut);
        }
        return new CoreType.GlobalExtern(t, mut == 1);
    }
}
