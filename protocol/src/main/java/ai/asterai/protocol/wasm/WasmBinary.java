package ai.asterai.protocol.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the structure of a WebAssembly binary, core module or component, against the bytes present
 * and against {@link WasmLimits}, streaming, with memory independent of the input. It decodes every
 * section of a core module down to each instruction's immediates (so an engine's parser, which
 * allocates what a binary declares, is only handed binaries whose every count is real), and walks a
 * component's sections and the core modules and components nested in it. It does not type-check:
 * that is the engine's validation, which runs after this.
 */
public final class WasmBinary {
    /** What kind of binary it is. */
    public enum Kind { CORE_MODULE, COMPONENT }

    static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private final BoundedInput in;
    private final WasmLimits limits;
    private long instructions;

    private WasmBinary(BoundedInput in, WasmLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    public static Kind check(byte[] bytes) {
        return check(bytes, WasmLimits.DEFAULT);
    }

    public static Kind check(byte[] bytes, WasmLimits limits) {
        if (bytes.length > limits.maxBytes()) {
            throw new MalformedWasmException(0, "the binary has " + bytes.length + " bytes, more than the limit of " + limits.maxBytes());
        }
        return new WasmBinary(BoundedInput.of(bytes), limits).run();
    }

    public static Kind check(Path file, WasmLimits limits) throws IOException {
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw new MalformedWasmException(0, "the binary has " + size + " bytes, more than the limit of " + limits.maxBytes());
        }
        try (InputStream s = Files.newInputStream(file)) {
            return new WasmBinary(new BoundedInput(s, size), limits).run();
        }
    }

    /**
     * The kind of binary from its 8-byte header alone, or null when the bytes are not a WebAssembly
     * header this project knows. For messages; {@link #check} is the real test.
     */
    public static Kind sniff(byte[] header) {
        if (header == null || header.length < 8) {
            return null;
        }
        for (int i = 0; i < 4; i++) {
            if (header[i] != MAGIC[i]) {
                return null;
            }
        }
        int version = (header[4] & 0xff) | (header[5] & 0xff) << 8;
        int layer = (header[6] & 0xff) | (header[7] & 0xff) << 8;
        if (version == 1 && layer == 0) {
            return Kind.CORE_MODULE;
        }
        if (version == 0x0d && layer == 1) {
            return Kind.COMPONENT;
        }
        return null;
    }

    private Kind run() {
        Kind kind = header();
        if (kind == Kind.CORE_MODULE) {
            module();
        } else {
            component(0);
        }
        if (!in.atEnd()) {
            throw in.error("bytes after the end");
        }
        return kind;
    }

    private Kind header() {
        if (in.remaining() < 8) {
            throw in.error("shorter than the 8-byte WebAssembly header");
        }
        byte[] h = in.bytes(8);
        for (int i = 0; i < 4; i++) {
            if (h[i] != MAGIC[i]) {
                throw in.error(0, "no \\0asm magic number: not a WebAssembly binary");
            }
        }
        Kind kind = sniff(h);
        if (kind == null) {
            int version = (h[4] & 0xff) | (h[5] & 0xff) << 8;
            int layer = (h[6] & 0xff) | (h[7] & 0xff) << 8;
            throw in.error(4, "unsupported binary version " + version + " / layer " + layer
                    + " (core modules are version 1, components version 13 layer 1)");
        }
        return kind;
    }

    /** A section's header: where it starts, its id and its size (checked against the bytes left). */
    private record Section(long at, int id, long size) {
    }

    /** Reads the header of the {@code ordinal}-th section of a module or component. */
    private Section nextSection(int ordinal) {
        if (ordinal > limits.maxSections()) {
            throw in.error("more sections than the limit of " + limits.maxSections());
        }
        long at = in.pos();
        int id = in.u8();
        return new Section(at, id, in.length("section " + id));
    }

    // ---------------------------------------------------------------- components

    private void component(int depth) {
        if (depth > limits.maxComponentDepth()) {
            throw in.error("components nested deeper than the limit of " + limits.maxComponentDepth());
        }
        for (int n = 1; !in.atEnd(); n++) {
            Section section = nextSection(n);
            long at = section.at();
            int id = section.id();
            in.push(section.size());
            switch (id) {
                case 0 -> custom();
                case 1 -> {
                    if (header() != Kind.CORE_MODULE) {
                        throw in.error(at, "a core module section holds a component header");
                    }
                    module();
                }
                case 4 -> {
                    if (header() != Kind.COMPONENT) {
                        throw in.error(at, "a component section holds a core module header");
                    }
                    component(depth + 1);
                }
                // core instance, core type, instance, alias, type, canon, start, import, export:
                // bounded by their section size; their contents are decoded by the component decoder
                case 2, 3, 5, 6, 7, 8, 9, 10, 11 -> in.skip(in.remaining());
                default -> throw in.error(at, "unknown component section id " + id);
            }
            in.pop("section " + id);
        }
    }

    // ---------------------------------------------------------------- core modules

    /** Per-module state: counts that span sections. */
    private static final class Module {
        int lastRank;
        long functions;
        long globals;
        long tables;
        long memories;
        long declaredFunctions = -1;
        long codeEntries = -1;
        long dataCount = -1;
        long dataSegments = -1;
    }

    private static int rank(int id) {
        return switch (id) {
            case 1 -> 1;   // type
            case 2 -> 2;   // import
            case 3 -> 3;   // function
            case 4 -> 4;   // table
            case 5 -> 5;   // memory
            case 13 -> 6;  // tag
            case 6 -> 7;   // global
            case 7 -> 8;   // export
            case 8 -> 9;   // start
            case 9 -> 10;  // element
            case 12 -> 11; // data count
            case 10 -> 12; // code
            case 11 -> 13; // data
            default -> -1;
        };
    }

    private void module() {
        Module m = new Module();
        for (int n = 1; !in.atEnd(); n++) {
            Section section = nextSection(n);
            long at = section.at();
            int id = section.id();
            if (id != 0) {
                int rank = rank(id);
                if (rank < 0) {
                    throw in.error(at, "unknown section id " + id);
                }
                if (rank <= m.lastRank) {
                    throw in.error(at, "section " + id + " is out of order or repeated");
                }
                m.lastRank = rank;
            }
            in.push(section.size());
            switch (id) {
                case 0 -> custom();
                case 1 -> typeSection();
                case 2 -> importSection(m);
                case 3 -> functionSection(m);
                case 4 -> tableSection(m);
                case 5 -> memorySection(m);
                case 6 -> globalSection(m);
                case 7 -> exportSection();
                case 8 -> in.u32();
                case 9 -> elementSection();
                case 10 -> codeSection(m);
                case 11 -> dataSection(m);
                case 12 -> m.dataCount = in.u32();
                case 13 -> tagSection();
                default -> throw new IllegalStateException("unreachable: section " + id);
            }
            in.pop("section " + id);
        }
        long declared = Math.max(m.declaredFunctions, 0);
        long bodies = Math.max(m.codeEntries, 0);
        if (declared != bodies) {
            throw in.error("the function section declares " + declared + " functions but the code section has " + bodies + " bodies");
        }
        if (m.dataCount >= 0 && m.dataCount != Math.max(m.dataSegments, 0)) {
            throw in.error("the data count section says " + m.dataCount + " segments but the data section has " + Math.max(m.dataSegments, 0));
        }
    }

    private void custom() {
        String name = in.name("custom section name", limits.maxNameBytes());
        if (name.equals("name")) {
            nameSection();
        } else {
            in.skip(in.remaining());
        }
    }

    /** The name section: engines build maps from it, so its counts are bounded as any other. */
    private void nameSection() {
        long entries = 0;
        while (!in.atEnd()) {
            int id = in.u8();
            long size = in.length("name subsection " + id);
            in.push(size);
            switch (id) {
                case 0 -> in.name("module name", limits.maxNameBytes());
                case 1, 4, 5, 6, 7, 8, 9, 11 -> entries += nameMap(entries);
                case 2, 3, 10 -> {
                    int n = in.count("indirect name map", limits.maxNameEntries(), 2);
                    entries += n;
                    for (int i = 0; i < n; i++) {
                        in.u32();
                        entries += nameMap(entries);
                    }
                }
                default -> in.skip(in.remaining());
            }
            in.pop("name subsection " + id);
            if (entries > limits.maxNameEntries()) {
                throw in.error("the name section has more entries than the limit of " + limits.maxNameEntries());
            }
        }
    }

    private int nameMap(long sofar) {
        int n = in.count("name map", limits.maxNameEntries() - sofar, 2);
        for (int i = 0; i < n; i++) {
            in.u32();
            in.name("name", limits.maxNameBytes());
        }
        return n;
    }

    private void typeSection() {
        int n = in.count("types", limits.maxTypes(), 3);
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            int form = in.u8();
            if (form != 0x60) {
                throw in.error(at, form == 0x4e || form == 0x50 || form == 0x4f
                        ? "garbage-collection types are not supported"
                        : String.format("unknown type form 0x%02x", form));
            }
            int params = in.count("parameters", limits.maxParams(), 1);
            for (int p = 0; p < params; p++) {
                valType();
            }
            int results = in.count("results", limits.maxResults(), 1);
            for (int r = 0; r < results; r++) {
                valType();
            }
        }
    }

    private void valType() {
        long at = in.pos();
        int b = in.u8();
        switch (b) {
            case 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f, 0x69 -> {
            }
            case 0x63, 0x64 -> in.signed(33);
            default -> throw in.error(at, String.format("unknown value type 0x%02x", b));
        }
    }

    private void refType() {
        long at = in.pos();
        int b = in.u8();
        switch (b) {
            case 0x70, 0x6f, 0x69 -> {
            }
            case 0x63, 0x64 -> in.signed(33);
            default -> throw in.error(at, String.format("unknown reference type 0x%02x", b));
        }
    }

    private void limits(String what, boolean memory) {
        long at = in.pos();
        int flags = in.u8();
        if (flags > (memory ? 0x07 : 0x05) || (!memory && (flags & 0x02) != 0)) {
            throw in.error(at, String.format("unknown %s limits flags 0x%02x", what, flags));
        }
        boolean wide = (flags & 0x04) != 0;
        long min = wide ? in.u64() : in.u32();
        if ((flags & 0x01) != 0) {
            long max = wide ? in.u64() : in.u32();
            if (Long.compareUnsigned(max, min) < 0) {
                throw in.error(at, what + " maximum " + Long.toUnsignedString(max) + " is below its minimum " + Long.toUnsignedString(min));
            }
        }
    }

    private void tableType() {
        refType();
        limits("table", false);
    }

    private void globalType() {
        valType();
        long at = in.pos();
        int mut = in.u8();
        if (mut > 1) {
            throw in.error(at, "global mutability must be 0 or 1, not " + mut);
        }
    }

    private void add(Module m, int kind, long at) {
        switch (kind) {
            case 0 -> {
                if (++m.functions > limits.maxFunctions()) {
                    throw in.error(at, "more functions than the limit of " + limits.maxFunctions());
                }
            }
            case 1 -> {
                if (++m.tables > limits.maxTables()) {
                    throw in.error(at, "more tables than the limit of " + limits.maxTables());
                }
            }
            case 2 -> {
                if (++m.memories > limits.maxMemories()) {
                    throw in.error(at, "more memories than the limit of " + limits.maxMemories());
                }
            }
            case 3 -> {
                if (++m.globals > limits.maxGlobals()) {
                    throw in.error(at, "more globals than the limit of " + limits.maxGlobals());
                }
            }
            default -> {
            }
        }
    }

    private void importSection(Module m) {
        int n = in.count("imports", limits.maxImports(), 4);
        for (int i = 0; i < n; i++) {
            in.name("import module name", limits.maxNameBytes());
            in.name("import name", limits.maxNameBytes());
            long at = in.pos();
            int kind = in.u8();
            switch (kind) {
                case 0 -> in.u32();
                case 1 -> tableType();
                case 2 -> limits("memory", true);
                case 3 -> globalType();
                case 4 -> tag();
                default -> throw in.error(at, "unknown import kind " + kind);
            }
            add(m, kind, at);
        }
    }

    private void tag() {
        long at = in.pos();
        if (in.u8() != 0) {
            throw in.error(at, "unknown tag attribute");
        }
        in.u32();
    }

    private void functionSection(Module m) {
        long at = in.pos();
        int n = in.count("functions", limits.maxFunctions(), 1);
        m.declaredFunctions = n;
        for (int i = 0; i < n; i++) {
            in.u32();
        }
        m.functions += n;
        if (m.functions > limits.maxFunctions()) {
            throw in.error(at, "more functions than the limit of " + limits.maxFunctions());
        }
    }

    private void tableSection(Module m) {
        int n = in.count("tables", limits.maxTables(), 3);
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            if (in.peek() == 0x40) {
                in.u8();
                if (in.u8() != 0) {
                    throw in.error(at, "unknown table encoding");
                }
                tableType();
                constExpr();
            } else {
                tableType();
            }
            add(m, 1, at);
        }
    }

    private void memorySection(Module m) {
        int n = in.count("memories", limits.maxMemories(), 2);
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            limits("memory", true);
            add(m, 2, at);
        }
    }

    private void globalSection(Module m) {
        int n = in.count("globals", limits.maxGlobals(), 3);
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            globalType();
            constExpr();
            add(m, 3, at);
        }
    }

    private void exportSection() {
        int n = in.count("exports", limits.maxExports(), 3);
        for (int i = 0; i < n; i++) {
            in.name("export name", limits.maxNameBytes());
            long at = in.pos();
            int kind = in.u8();
            if (kind > 4) {
                throw in.error(at, "unknown export kind " + kind);
            }
            in.u32();
        }
    }

    private void tagSection() {
        int n = in.count("tags", limits.maxFunctions(), 2);
        for (int i = 0; i < n; i++) {
            tag();
        }
    }

    private void elementSection() {
        int n = in.count("element segments", limits.maxElementSegments(), 2);
        long items = 0;
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            long flags = in.u32();
            if (flags > 7) {
                throw in.error(at, "unknown element segment flags " + flags);
            }
            boolean explicitTable = (flags & 0x02) != 0 && (flags & 0x01) == 0;
            boolean active = (flags & 0x01) == 0;
            boolean expressions = (flags & 0x04) != 0;
            if (explicitTable) {
                in.u32();
            }
            if (active) {
                constExpr();
            }
            if (flags != 0 && flags != 4) {
                if (expressions) {
                    refType();
                } else {
                    long kindAt = in.pos();
                    if (in.u8() != 0) {
                        throw in.error(kindAt, "unknown element kind");
                    }
                }
            }
            int count = in.count("element segment items", limits.maxElementItems() - items, expressions ? 2 : 1);
            items += count;
            for (int j = 0; j < count; j++) {
                if (expressions) {
                    constExpr();
                } else {
                    in.u32();
                }
            }
        }
    }

    private void dataSection(Module m) {
        int n = in.count("data segments", limits.maxDataSegments(), 2);
        m.dataSegments = n;
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            long flags = in.u32();
            if (flags > 2) {
                throw in.error(at, "unknown data segment flags " + flags);
            }
            if (flags == 2) {
                in.u32();
            }
            if (flags != 1) {
                constExpr();
            }
            in.skip(in.length("data segment"));
        }
    }

    private void codeSection(Module m) {
        int n = in.count("function bodies", limits.maxFunctions(), 2);
        m.codeEntries = n;
        for (int i = 0; i < n; i++) {
            long at = in.pos();
            long size = in.length("function body " + i);
            if (size > limits.maxFunctionSize()) {
                throw in.error(at, "function body " + i + " has " + size + " bytes, more than the limit of " + limits.maxFunctionSize());
            }
            in.push(size);
            int groups = in.count("local declarations", limits.maxLocals(), 2);
            long locals = 0;
            for (int g = 0; g < groups; g++) {
                long groupAt = in.pos();
                locals += in.u32();
                if (locals > limits.maxLocals()) {
                    throw in.error(groupAt, "function " + i + " declares more locals than the limit of " + limits.maxLocals());
                }
                valType();
            }
            expression();
            in.pop("function body " + i);
        }
    }

    private void constExpr() {
        expression();
    }

    private void blockType() {
        int b = in.peek();
        switch (b) {
            case 0x40, 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f, 0x69 -> in.u8();
            case 0x63, 0x64 -> {
                in.u8();
                in.signed(33);
            }
            default -> in.signed(33); // a type index
        }
    }

    private void memarg() {
        long align = in.u32();
        if ((align & 0x40) != 0) {
            in.u32(); // memory index (multi-memory)
        }
        in.u64();
    }

    private static final byte BLOCK = 0;
    private static final byte IF = 1;
    private static final byte ELSE = 2;
    private static final byte TRY = 3;
    private static final byte CATCH = 4;

    /** Open blocks of the expression being read: kinds, so that else/catch/delegate stand only where they may. */
    private byte[] blocks = new byte[64];

    /**
     * One expression: instructions up to the {@code end} that closes it, each immediate checked and
     * the block structure followed (an engine builds its control-flow tables from it).
     */
    private void expression() {
        int depth = 0;
        while (true) {
            long at = in.pos();
            int op = in.u8();
            if (++instructions > limits.maxInstructions()) {
                throw in.error(at, "more instructions than the limit of " + limits.maxInstructions());
            }
            switch (op) {
                case 0x00, 0x01, 0x0a, 0x0f, 0x1a, 0x1b, 0xd1, 0xd3, 0xd4 -> {
                }
                case 0x02, 0x03 -> {
                    blockType();
                    depth = open(depth, BLOCK, at);
                }
                case 0x04 -> {
                    blockType();
                    depth = open(depth, IF, at);
                }
                case 0x06 -> {
                    blockType();
                    depth = open(depth, TRY, at);
                }
                case 0x05 -> {
                    if (depth == 0 || blocks[depth - 1] != IF) {
                        throw in.error(at, "else outside an if block");
                    }
                    blocks[depth - 1] = ELSE;
                }
                case 0x07, 0x19 -> {
                    if (depth == 0 || (blocks[depth - 1] != TRY && blocks[depth - 1] != CATCH)) {
                        throw in.error(at, "catch outside a try block");
                    }
                    if (op == 0x07) {
                        in.u32();
                    }
                    blocks[depth - 1] = CATCH;
                }
                case 0x1f -> {
                    blockType();
                    int catches = in.count("try_table catches", limits.maxBrTable(), 2);
                    for (int c = 0; c < catches; c++) {
                        long catchAt = in.pos();
                        int kind = in.u8();
                        if (kind > 3) {
                            throw in.error(catchAt, "unknown catch kind " + kind);
                        }
                        if (kind < 2) {
                            in.u32();
                        }
                        in.u32();
                    }
                    depth = open(depth, BLOCK, at);
                }
                case 0x0b -> {
                    if (depth == 0) {
                        return;
                    }
                    depth--;
                }
                case 0x18 -> { // delegate closes a try
                    in.u32();
                    if (depth == 0 || blocks[depth - 1] != TRY) {
                        throw in.error(at, "delegate outside a try block");
                    }
                    depth--;
                }
                case 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x12, 0x14, 0x15, 0x20, 0x21, 0x22, 0x23, 0x24,
                     0x25, 0x26, 0x3f, 0x40, 0xd2, 0xd5, 0xd6 -> in.u32();
                case 0x0e -> {
                    int targets = in.count("br_table targets", limits.maxBrTable(), 1);
                    for (int t = 0; t < targets; t++) {
                        in.u32();
                    }
                    in.u32();
                }
                case 0x11, 0x13 -> {
                    in.u32();
                    in.u32();
                }
                case 0x1c -> {
                    int types = in.count("select types", limits.maxResults(), 1);
                    for (int t = 0; t < types; t++) {
                        valType();
                    }
                }
                case 0x41 -> in.signed(32);
                case 0x42 -> in.signed(64);
                case 0x43 -> in.skip(4);
                case 0x44 -> in.skip(8);
                case 0xd0 -> in.signed(33);
                case 0xfc -> miscPrefix(at);
                case 0xfd -> simdPrefix(at);
                case 0xfe -> atomicPrefix(at);
                default -> {
                    if (op >= 0x28 && op <= 0x3e) {
                        memarg();
                    } else if (!(op >= 0x45 && op <= 0xc4)) {
                        throw in.error(at, op == 0xfb
                                ? "garbage-collection instructions are not supported"
                                : String.format("unknown opcode 0x%02x", op));
                    }
                }
            }
        }
    }

    private int open(int depth, byte kind, long at) {
        if (depth + 1 > limits.maxNesting()) {
            throw in.error(at, "blocks nested deeper than the limit of " + limits.maxNesting());
        }
        if (depth >= blocks.length) {
            blocks = java.util.Arrays.copyOf(blocks, Math.min(blocks.length * 2, limits.maxNesting() + 1));
        }
        blocks[depth] = kind;
        return depth + 1;
    }

    private void miscPrefix(long at) {
        long sub = in.u32();
        switch ((int) Math.min(sub, Integer.MAX_VALUE)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> {
            }
            case 8, 10, 12, 14 -> {
                in.u32();
                in.u32();
            }
            case 9, 11, 13, 15, 16, 17 -> in.u32();
            default -> throw in.error(at, "unknown opcode 0xfc " + sub);
        }
    }

    private void simdPrefix(long at) {
        long sub = in.u32();
        if (sub <= 0x0b || sub == 0x5c || sub == 0x5d) {
            memarg();
        } else if (sub == 0x0c || sub == 0x0d) {
            in.skip(16);
        } else if (sub >= 0x15 && sub <= 0x22) {
            in.u8();
        } else if (sub >= 0x54 && sub <= 0x5b) {
            memarg();
            in.u8();
        } else if (sub > 0x113) {
            throw in.error(at, "unknown opcode 0xfd " + sub);
        }
    }

    private void atomicPrefix(long at) {
        long sub = in.u32();
        if (sub == 0x03) {
            in.u8();
        } else if (sub <= 0x4e) {
            memarg();
        } else {
            throw in.error(at, "unknown opcode 0xfe " + sub);
        }
    }
}
