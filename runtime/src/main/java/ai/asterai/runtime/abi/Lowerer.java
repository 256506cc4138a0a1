package ai.asterai.runtime.abi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Host to guest: lowers {@link WitValue}s into flat core values or stores them into guest memory,
 * allocating strings and lists with the guest's {@code cabi_realloc} (the guest owns them afterwards).
 * Every value is checked against its type; a misfit is a {@link ValueMismatch} naming the path.
 *
 * <p>Two modes, as for {@link Lifter}. {@link #Lowerer(GuestMemory, Realloc)} is the wit-bindgen path
 * (UTF-8, empty strings and lists are passed without allocating). {@link #Lowerer(CanonOptions,
 * HandleTable, BorrowScope, StringEncoding)} follows a component's canonical options: every string and
 * list is allocated with the options' realloc (an empty one too, as the spec calls it), every pointer
 * realloc returns is checked, strings are written in the options' encoding and handles go into the
 * instance's table.
 */
public final class Lowerer {
    private final GuestMemory memory;
    private final Realloc realloc;
    private final StringEncoding encoding;
    private final StringEncoding source;
    private final HandleTable handles;
    private final BorrowScope scope;
    private final boolean spec;

    public Lowerer(GuestMemory memory, Realloc realloc) {
        this.memory = memory;
        this.realloc = realloc;
        this.encoding = StringEncoding.UTF8;
        this.source = null;
        this.handles = null;
        this.scope = null;
        this.spec = false;
    }

    /**
     * @param handles the table of the instance values are lowered into (null when the types hold no handles)
     * @param scope   the callee's scope when lowering call arguments (borrows count against it), else null
     * @param source  the encoding the strings were lifted from (another component's options), which
     *                decides how the spec sizes the allocations; null for strings from the host, which
     *                are allocated at their exact size
     */
    public Lowerer(CanonOptions options, HandleTable handles, BorrowScope scope, StringEncoding source) {
        this.memory = options.memory() == null ? Lifter.NoMemory.INSTANCE : options.memory();
        this.realloc = options.realloc() == null ? Realloc.NONE : options.realloc();
        this.encoding = options.encoding();
        this.source = source;
        this.handles = handles;
        this.scope = scope;
        this.spec = true;
    }

    public void lowerFlat(AbiType type, WitValue value, FlatWriter out) {
        lowerFlat(type, value, out, "");
    }

    public void store(AbiType type, WitValue value, int ptr) {
        checkPointer(ptr, type.size(), type.align(), "store target");
        store(type, value, ptr, "");
    }

    // ---------------------------------------------------------------- flat

    private void lowerFlat(AbiType type, WitValue value, FlatWriter out, String path) {
        if (type instanceof AbiType.Scalar s) {
            lowerScalar(s, value, out, path);
        } else if (type instanceof AbiType.ListT l) {
            long[] pl = storeList(l.element(), value, path);
            out.add(pl[0]);
            out.add(pl[1]);
        } else if (type instanceof AbiType.FixedListT f) {
            List<WitValue> items = fixedItems(f, value, path);
            for (int i = 0; i < items.size(); i++) {
                lowerFlat(f.element(), items.get(i), out, path + "[" + i + "]");
            }
        } else if (type instanceof AbiType.RecordT r) {
            Map<String, WitValue> fields = recordFields(r, value, path);
            for (AbiType.Field f : r.fields()) {
                lowerFlat(f.type(), fields.get(f.name()), out, join(path, f.name()));
            }
        } else if (type instanceof AbiType.TupleT t) {
            List<WitValue> items = tupleItems(t, value, path);
            for (int i = 0; i < items.size(); i++) {
                lowerFlat(t.types().get(i), items.get(i), out, path + "." + i);
            }
        } else if (type instanceof AbiType.FlagsT f) {
            int[] words = flagWords(f, value, path);
            for (int w : words) {
                out.add(w & 0xFFFFFFFFL);
            }
        } else if (type instanceof AbiType.EnumT e) {
            out.add(enumIndex(e, value, path));
        } else if (type instanceof AbiType.VariantT v) {
            Choice c = variantChoice(v, value, path);
            lowerCase(v.layout(), c.index, c.type, c.payload, out, path + "(" + v.cases().get(c.index).name() + ")");
        } else if (type instanceof AbiType.OptionT o) {
            WitValue.OptionV opt = cast(WitValue.OptionV.class, value, type, path);
            lowerCase(o.layout(), opt.isSome() ? 1 : 0, opt.isSome() ? o.inner() : null, opt.value(), out, path + "?");
        } else if (type instanceof AbiType.ResultT r) {
            WitValue.ResultV res = cast(WitValue.ResultV.class, value, type, path);
            AbiType t = res.isOk() ? r.ok() : r.err();
            checkPayload(t, res.payload(), path);
            lowerCase(r.layout(), res.isOk() ? 0 : 1, t, res.payload(), out, path + (res.isOk() ? ".ok" : ".err"));
        } else if (type instanceof AbiType.OwnT o) {
            out.add(lowerOwn(o, value, path) & 0xFFFFFFFFL);
        } else if (type instanceof AbiType.BorrowT b) {
            out.add(lowerBorrow(b, value, path) & 0xFFFFFFFFL);
        } else {
            throw new IllegalStateException("unknown ABI type " + type);
        }
    }

    private void lowerCase(Layout.Variant layout, int index, AbiType payloadType, WitValue payload, FlatWriter out,
                           String path) {
        out.add(index);
        List<CoreType> slots = layout.flat().subList(1, layout.flat().size());
        int written = 0;
        if (payloadType != null) {
            FlatWriter tmp = new FlatWriter();
            lowerFlat(payloadType, payload, tmp, path);
            List<CoreType> have = payloadType.flat();
            for (int i = 0; i < tmp.size(); i++) {
                out.add(coerce(have.get(i), slots.get(i), tmp.get(i)));
            }
            written = tmp.size();
        }
        for (int i = written; i < slots.size(); i++) {
            out.add(0L);
        }
    }

    /** Widens a flat value into a joined variant slot (raw bits are kept; an i32 is zero-extended). */
    private static long coerce(CoreType have, CoreType want, long v) {
        if (want == CoreType.I64 && (have == CoreType.I32 || have == CoreType.F32)) {
            return v & 0xFFFFFFFFL;
        }
        return v;
    }

    private void lowerScalar(AbiType.Scalar s, WitValue value, FlatWriter out, String path) {
        switch (s) {
            case BOOL -> out.add(cast(WitValue.Bool.class, value, s, path).value() ? 1 : 0);
            case F32 -> out.add(Float.floatToRawIntBits(cast(WitValue.F32.class, value, s, path).value()) & 0xFFFFFFFFL);
            case F64 -> out.add(Double.doubleToRawLongBits(cast(WitValue.F64.class, value, s, path).value()));
            case CHAR -> out.add(checkChar(cast(WitValue.Char.class, value, s, path).codePoint(), path));
            case STRING -> {
                long[] pl = storeString(cast(WitValue.Str.class, value, s, path).value(), path);
                out.add(pl[0]);
                out.add(pl[1]);
            }
            default -> {
                long v = checkInt(s, value, path);
                out.add(s == AbiType.Scalar.S64 || s == AbiType.Scalar.U64 ? v : v & 0xFFFFFFFFL);
            }
        }
    }

    // ---------------------------------------------------------------- memory

    private void store(AbiType type, WitValue value, int ptr, String path) {
        if (type instanceof AbiType.Scalar s) {
            storeScalar(s, value, ptr, path);
        } else if (type instanceof AbiType.ListT l) {
            long[] pl = storeList(l.element(), value, path);
            memory.writeInt(ptr, (int) pl[0]);
            memory.writeInt(ptr + 4, (int) pl[1]);
        } else if (type instanceof AbiType.FixedListT f) {
            List<WitValue> items = fixedItems(f, value, path);
            for (int i = 0; i < items.size(); i++) {
                store(f.element(), items.get(i), ptr + i * f.element().size(), path + "[" + i + "]");
            }
        } else if (type instanceof AbiType.RecordT r) {
            Map<String, WitValue> fields = recordFields(r, value, path);
            for (AbiType.Field f : r.fields()) {
                store(f.type(), fields.get(f.name()), ptr + f.offset(), join(path, f.name()));
            }
        } else if (type instanceof AbiType.TupleT t) {
            List<WitValue> items = tupleItems(t, value, path);
            for (int i = 0; i < items.size(); i++) {
                store(t.types().get(i), items.get(i), ptr + t.offsets()[i], path + "." + i);
            }
        } else if (type instanceof AbiType.FlagsT f) {
            int[] words = flagWords(f, value, path);
            int n = f.flags().size();
            if (n == 0) {
                return;
            } else if (n <= 8) {
                memory.writeByte(ptr, (byte) words[0]);
            } else if (n <= 16) {
                memory.writeShort(ptr, (short) words[0]);
            } else {
                for (int i = 0; i < words.length; i++) {
                    memory.writeInt(ptr + 4 * i, words[i]);
                }
            }
        } else if (type instanceof AbiType.EnumT e) {
            writeDiscriminant(e.layout(), ptr, enumIndex(e, value, path));
        } else if (type instanceof AbiType.VariantT v) {
            Choice c = variantChoice(v, value, path);
            writeDiscriminant(v.layout(), ptr, c.index);
            if (c.type != null) {
                store(c.type, c.payload, ptr + v.layout().payloadOffset(), path + "(" + v.cases().get(c.index).name() + ")");
            }
        } else if (type instanceof AbiType.OptionT o) {
            WitValue.OptionV opt = cast(WitValue.OptionV.class, value, type, path);
            writeDiscriminant(o.layout(), ptr, opt.isSome() ? 1 : 0);
            if (opt.isSome()) {
                store(o.inner(), opt.value(), ptr + o.layout().payloadOffset(), path + "?");
            }
        } else if (type instanceof AbiType.ResultT r) {
            WitValue.ResultV res = cast(WitValue.ResultV.class, value, type, path);
            AbiType t = res.isOk() ? r.ok() : r.err();
            checkPayload(t, res.payload(), path);
            writeDiscriminant(r.layout(), ptr, res.isOk() ? 0 : 1);
            if (t != null) {
                store(t, res.payload(), ptr + r.layout().payloadOffset(), path + (res.isOk() ? ".ok" : ".err"));
            }
        } else if (type instanceof AbiType.OwnT o) {
            memory.writeInt(ptr, lowerOwn(o, value, path));
        } else if (type instanceof AbiType.BorrowT b) {
            memory.writeInt(ptr, lowerBorrow(b, value, path));
        }
    }

    private int lowerOwn(AbiType.OwnT type, WitValue value, String path) {
        return table(type).lowerOwn(type.resource(), handle(type, type.resource(), value, path).rep());
    }

    private int lowerBorrow(AbiType.BorrowT type, WitValue value, String path) {
        return table(type).lowerBorrow(type.resource(), handle(type, type.resource(), value, path).rep(), scope);
    }

    private static WitValue.Handle handle(AbiType type, ResourceType resource, WitValue value, String path) {
        WitValue.Handle h = cast(WitValue.Handle.class, value, type, path);
        if (h.type() != resource) {
            throw new ValueMismatch(path, "a handle to " + h.type() + " where " + type.wit() + " is expected");
        }
        return h;
    }

    private HandleTable table(AbiType type) {
        if (handles == null) {
            throw new AbiTrap(type.wit() + " is a resource handle, which needs a component instance's handle table");
        }
        return handles;
    }

    private void writeDiscriminant(Layout.Variant layout, int ptr, int index) {
        switch (layout.discriminantSize()) {
            case 1 -> memory.writeByte(ptr, (byte) index);
            case 2 -> memory.writeShort(ptr, (short) index);
            default -> memory.writeInt(ptr, index);
        }
    }

    private void storeScalar(AbiType.Scalar s, WitValue value, int ptr, String path) {
        switch (s) {
            case BOOL -> memory.writeByte(ptr, (byte) (cast(WitValue.Bool.class, value, s, path).value() ? 1 : 0));
            case S8, U8 -> memory.writeByte(ptr, (byte) checkInt(s, value, path));
            case S16, U16 -> memory.writeShort(ptr, (short) checkInt(s, value, path));
            case S32, U32 -> memory.writeInt(ptr, (int) checkInt(s, value, path));
            case S64, U64 -> memory.writeLong(ptr, checkInt(s, value, path));
            case F32 -> memory.writeInt(ptr, Float.floatToRawIntBits(cast(WitValue.F32.class, value, s, path).value()));
            case F64 -> memory.writeLong(ptr, Double.doubleToRawLongBits(cast(WitValue.F64.class, value, s, path).value()));
            case CHAR -> memory.writeInt(ptr, checkChar(cast(WitValue.Char.class, value, s, path).codePoint(), path));
            case STRING -> {
                long[] pl = storeString(cast(WitValue.Str.class, value, s, path).value(), path);
                memory.writeInt(ptr, (int) pl[0]);
                memory.writeInt(ptr + 4, (int) pl[1]);
            }
        }
    }

    /** Copies a string into guest memory; returns {ptr, length in code units (tagged for UTF-16 under latin1+utf16)}. */
    private long[] storeString(String s, String path) {
        if (spec) {
            return source == null ? storeExact(s, path) : StringTranscoder.store(this, s, source);
        }
        byte[] bytes = utf8(s, path);
        if (bytes.length == 0) {
            return new long[] {1, 0};
        }
        int ptr = allocate(1, bytes.length);
        memory.writeBytes(ptr, bytes);
        return new long[] {ptr & 0xFFFFFFFFL, bytes.length};
    }

    /**
     * The canonical ABI's strings are Unicode scalar values: a lone surrogate (JSON {@code "\\ud800"})
     * has no UTF-8 form, and {@code String.getBytes} would quietly turn it into '?'.
     */
    static byte[] utf8(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValueMismatch(path, String.format("not a valid Unicode string: lone surrogate \\u%04x at index %d"
                        + " (strings must consist of Unicode scalar values)", (int) c, i));
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A host string, allocated at its exact size in the options' encoding. */
    private long[] storeExact(String s, String path) {
        utf8(s, path); // refuses lone surrogates, whatever the encoding
        return switch (encoding) {
            case UTF8 -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                yield copy(b, 1, b.length);
            }
            case UTF16 -> copy(s.getBytes(StandardCharsets.UTF_16LE), 2, s.length());
            case LATIN1_UTF16 -> StringTranscoder.isLatin1(s) ? copy(s.getBytes(StandardCharsets.ISO_8859_1), 2, s.length())
                    : copy(s.getBytes(StandardCharsets.UTF_16LE), 2, s.length() | (long) StringEncoding.UTF16_TAG & 0xFFFFFFFFL);
        };
    }

    /** Allocates {@code bytes.length} bytes at {@code align}, copies, returns {ptr, units}. */
    long[] copy(byte[] bytes, int align, long units) {
        int ptr = allocate(align, bytes.length);
        memory.writeBytes(ptr, bytes);
        return new long[] {ptr & 0xFFFFFFFFL, units & 0xFFFFFFFFL};
    }

    GuestMemory memory() {
        return memory;
    }

    StringEncoding encoding() {
        return encoding;
    }

    /** Copies a list into guest memory; returns {ptr, element count}. */
    private long[] storeList(AbiType element, WitValue value, String path) {
        if (element == AbiType.Scalar.U8 && value instanceof WitValue.Bytes b) {
            if (b.value().length == 0 && !spec) {
                return new long[] {1, 0};
            }
            int ptr = allocate(1, b.value().length);
            memory.writeBytes(ptr, b.value());
            return new long[] {ptr & 0xFFFFFFFFL, b.value().length};
        }
        List<WitValue> items = cast(WitValue.ListV.class, value, new AbiType.ListT(element), path).items();
        if (items.isEmpty() && !spec) {
            return new long[] {element.align(), 0};
        }
        long total = (long) items.size() * element.size();
        if (total > Integer.MAX_VALUE) {
            throw new ValueMismatch(path, "list of " + items.size() + " elements is too large for guest memory");
        }
        int ptr = allocate(element.align(), (int) total);
        for (int i = 0; i < items.size(); i++) {
            store(element, items.get(i), ptr + i * element.size(), path + "[" + i + "]");
        }
        return new long[] {ptr & 0xFFFFFFFFL, items.size()};
    }

    /** Allocates with realloc(0, 0, align, size) and checks the pointer. */
    public int allocate(int align, int size) {
        return reallocate(0, 0, align, size);
    }

    /** Calls realloc and checks what it returns: aligned, and room for {@code size} bytes inside memory. */
    int reallocate(int old, int oldSize, int align, int size) {
        int ptr = realloc.realloc(old, oldSize, align, size);
        checkPointer(ptr, size & 0xFFFFFFFFL, align, "realloc result");
        return ptr;
    }

    private void checkPointer(int ptr, long size, int align, String what) {
        long p = ptr & 0xFFFFFFFFL;
        if (p % align != 0) {
            throw new AbiTrap(what + " " + p + " is not aligned to " + align);
        }
        if (p + size > memory.byteSize()) {
            throw new AbiTrap(what + " " + p + " + " + size + " is outside guest memory (" + memory.byteSize() + " bytes)");
        }
    }

    // ---------------------------------------------------------------- value checks

    private record Choice(int index, AbiType type, WitValue payload) {
    }

    private static Choice variantChoice(AbiType.VariantT v, WitValue value, String path) {
        WitValue.VariantV vv = cast(WitValue.VariantV.class, value, v, path);
        int index = v.indexOf(vv.caseName());
        if (index < 0) {
            throw new ValueMismatch(path, "'" + vv.caseName() + "' is not a case of " + v.name() + " (cases: "
                    + String.join(", ", v.cases().stream().map(AbiType.Case::name).toList()) + ")");
        }
        AbiType t = v.cases().get(index).type();
        checkPayload(t, vv.payload(), path);
        return new Choice(index, t, vv.payload());
    }

    private static void checkPayload(AbiType t, WitValue payload, String path) {
        if (t == null && payload != null) {
            throw new ValueMismatch(path, "this case has no payload");
        }
        if (t != null && payload == null) {
            throw new ValueMismatch(path, "this case needs a " + t.wit() + " payload");
        }
    }

    private static int enumIndex(AbiType.EnumT e, WitValue value, String path) {
        String name = cast(WitValue.EnumV.class, value, e, path).caseName();
        int index = e.cases().indexOf(name);
        if (index < 0) {
            throw new ValueMismatch(path, "'" + name + "' is not a case of " + e.name() + " (cases: " + String.join(", ", e.cases()) + ")");
        }
        return index;
    }

    private static int[] flagWords(AbiType.FlagsT f, WitValue value, String path) {
        int[] words = new int[f.words()];
        for (String name : cast(WitValue.FlagsV.class, value, f, path).set()) {
            int i = f.flags().indexOf(name);
            if (i < 0) {
                throw new ValueMismatch(path, "'" + name + "' is not a flag of " + f.name() + " (flags: " + String.join(", ", f.flags()) + ")");
            }
            words[i / 32] |= 1 << (i % 32);
        }
        return words;
    }

    private static Map<String, WitValue> recordFields(AbiType.RecordT r, WitValue value, String path) {
        Map<String, WitValue> fields = cast(WitValue.RecordV.class, value, r, path).fields();
        for (AbiType.Field f : r.fields()) {
            if (!fields.containsKey(f.name()) || fields.get(f.name()) == null) {
                throw new ValueMismatch(join(path, f.name()), "missing field of record " + r.name());
            }
        }
        if (fields.size() != r.fields().size()) {
            for (String k : fields.keySet()) {
                if (r.fields().stream().noneMatch(f -> f.name().equals(k))) {
                    throw new ValueMismatch(join(path, k), "record " + r.name() + " has no such field");
                }
            }
        }
        return fields;
    }

    private static List<WitValue> tupleItems(AbiType.TupleT t, WitValue value, String path) {
        List<WitValue> items = cast(WitValue.TupleV.class, value, t, path).items();
        if (items.size() != t.types().size()) {
            throw new ValueMismatch(path, t.wit() + " needs " + t.types().size() + " items, got " + items.size());
        }
        return items;
    }

    private static List<WitValue> fixedItems(AbiType.FixedListT f, WitValue value, String path) {
        List<WitValue> items;
        if (value instanceof WitValue.Bytes b && f.element() == AbiType.Scalar.U8) {
            items = new java.util.ArrayList<>();
            for (byte x : b.value()) {
                items.add(new WitValue.Int(x & 0xFF));
            }
        } else {
            items = cast(WitValue.ListV.class, value, f, path).items();
        }
        if (items.size() != f.length()) {
            throw new ValueMismatch(path, f.wit() + " needs exactly " + f.length() + " elements, got " + items.size());
        }
        return items;
    }

    static long checkInt(AbiType.Scalar s, WitValue value, String path) {
        long v = cast(WitValue.Int.class, value, s, path).value();
        boolean ok = switch (s) {
            case S8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case U8 -> v >= 0 && v <= 0xFF;
            case S16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case U16 -> v >= 0 && v <= 0xFFFF;
            case S32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case U32 -> v >= 0 && v <= 0xFFFFFFFFL;
            default -> true;
        };
        if (!ok) {
            throw new ValueMismatch(path, v + " is out of range for " + s.wit());
        }
        return v;
    }

    private static int checkChar(int cp, String path) {
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new ValueMismatch(path, "U+" + Integer.toHexString(cp) + " is not a Unicode scalar value");
        }
        return cp;
    }

    private static <T extends WitValue> T cast(Class<T> kind, WitValue value, AbiType type, String path) {
        if (!kind.isInstance(value)) {
            throw new ValueMismatch(path, "expected " + type.wit() + ", got "
                    + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        return kind.cast(value);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
