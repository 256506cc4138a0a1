package ai.asterai.runtime.abi;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guest to host: lifts flat core values or loads values from guest memory into {@link WitValue}s.
 * Everything the guest hands over is checked: pointers in bounds and aligned, strings well formed in
 * their encoding, discriminants and characters valid, handles present and of the right type. A
 * violation is an {@link AbiTrap}.
 *
 * <p>Two modes. {@link #Lifter(GuestMemory)} is the wit-bindgen path of core modules (UTF-8, no
 * handles, an empty string or list is not looked at). {@link #Lifter(CanonOptions, HandleTable,
 * BorrowScope)} follows the canonical options of a component's {@code canon lift}/{@code canon lower}
 * and the spec's checks to the letter: pointers are checked even for empty strings and lists, and
 * strings and lists are at most 2^28-1 bytes.
 */
public final class Lifter {
    /** The spec's bound on a string's or list's byte length. */
    public static final long MAX_BYTE_LENGTH = (1L << 28) - 1;

    private final GuestMemory memory;
    private final StringEncoding encoding;
    private final HandleTable handles;
    private final BorrowScope scope;
    private final boolean spec;

    public Lifter(GuestMemory memory) {
        this.memory = memory;
        this.encoding = StringEncoding.UTF8;
        this.handles = null;
        this.scope = null;
        this.spec = false;
    }

    /**
     * @param handles the table of the instance values are lifted from (null when the types hold no handles)
     * @param scope   the caller's scope of the call whose arguments are lifted (borrows are lent to it), or null
     */
    public Lifter(CanonOptions options, HandleTable handles, BorrowScope scope) {
        this.memory = options.memory() == null ? NoMemory.INSTANCE : options.memory();
        this.encoding = options.encoding();
        this.handles = handles;
        this.scope = scope;
        this.spec = true;
    }

    public WitValue liftFlat(AbiType type, FlatReader in) {
        if (type instanceof AbiType.Scalar s) {
            if (s == AbiType.Scalar.STRING) {
                int ptr = (int) in.next();
                int len = (int) in.next();
                return loadString(ptr, len);
            }
            return scalarFromBits(s, in.next());
        } else if (type instanceof AbiType.ListT l) {
            int ptr = (int) in.next();
            int len = (int) in.next();
            return loadList(l.element(), ptr, len);
        } else if (type instanceof AbiType.FixedListT f) {
            List<WitValue> items = new ArrayList<>(f.length());
            for (int i = 0; i < f.length(); i++) {
                items.add(liftFlat(f.element(), in));
            }
            return new WitValue.ListV(items);
        } else if (type instanceof AbiType.RecordT r) {
            Map<String, WitValue> fields = new LinkedHashMap<>();
            for (AbiType.Field f : r.fields()) {
                fields.put(f.name(), liftFlat(f.type(), in));
            }
            return new WitValue.RecordV(fields);
        } else if (type instanceof AbiType.TupleT t) {
            List<WitValue> items = new ArrayList<>(t.types().size());
            for (AbiType e : t.types()) {
                items.add(liftFlat(e, in));
            }
            return new WitValue.TupleV(items);
        } else if (type instanceof AbiType.FlagsT f) {
            int[] words = new int[f.words()];
            for (int i = 0; i < words.length; i++) {
                words[i] = (int) in.next();
            }
            return flags(f, words);
        } else if (type instanceof AbiType.EnumT e) {
            int index = (int) in.next();
            return new WitValue.EnumV(e.cases().get(checkIndex(index, e.cases().size(), e.wit())));
        } else if (type instanceof AbiType.VariantT v) {
            int index = checkIndex((int) in.next(), v.cases().size(), v.wit());
            AbiType.Case c = v.cases().get(index);
            return new WitValue.VariantV(c.name(), liftPayload(v.layout(), c.type(), in));
        } else if (type instanceof AbiType.OptionT o) {
            int index = checkIndex((int) in.next(), 2, o.wit());
            WitValue payload = liftPayload(o.layout(), index == 1 ? o.inner() : null, in);
            return new WitValue.OptionV(payload);
        } else if (type instanceof AbiType.ResultT r) {
            int index = checkIndex((int) in.next(), 2, r.wit());
            return new WitValue.ResultV(index == 0, liftPayload(r.layout(), index == 0 ? r.ok() : r.err(), in));
        } else if (type instanceof AbiType.OwnT o) {
            return liftOwn(o, (int) in.next());
        } else if (type instanceof AbiType.BorrowT b) {
            return liftBorrow(b, (int) in.next());
        }
        throw new IllegalStateException("unknown ABI type " + type);
    }

    /**
     * Lifts a case payload from the joined slots and skips the unused ones. Scalars read only the
     * low bits they need, which is exactly the canonical ABI's narrowing of a joined slot.
     */
    private WitValue liftPayload(Layout.Variant layout, AbiType payloadType, FlatReader in) {
        int start = in.position();
        WitValue v = payloadType == null ? null : liftFlat(payloadType, in);
        in.seek(start + layout.flat().size() - 1);
        return v;
    }

    public WitValue load(AbiType type, int ptr) {
        checkRange(ptr, type.size(), type.align(), type.wit());
        return loadUnchecked(type, ptr);
    }

    private WitValue loadUnchecked(AbiType type, int ptr) {
        if (type instanceof AbiType.Scalar s) {
            return switch (s) {
                case BOOL -> new WitValue.Bool(memory.readByte(ptr) != 0);
                case S8 -> new WitValue.Int(memory.readByte(ptr));
                case U8 -> new WitValue.Int(memory.readByte(ptr) & 0xFF);
                case S16 -> new WitValue.Int(memory.readShort(ptr));
                case U16 -> new WitValue.Int(memory.readShort(ptr) & 0xFFFF);
                case S32 -> new WitValue.Int(memory.readInt(ptr));
                case U32 -> new WitValue.Int(memory.readInt(ptr) & 0xFFFFFFFFL);
                case S64, U64 -> new WitValue.Int(memory.readLong(ptr));
                case F32 -> new WitValue.F32(Float.intBitsToFloat(memory.readInt(ptr)));
                case F64 -> new WitValue.F64(Double.longBitsToDouble(memory.readLong(ptr)));
                case CHAR -> new WitValue.Char(checkChar(memory.readInt(ptr)));
                case STRING -> loadString(memory.readInt(ptr), memory.readInt(ptr + 4));
            };
        } else if (type instanceof AbiType.ListT l) {
            return loadList(l.element(), memory.readInt(ptr), memory.readInt(ptr + 4));
        } else if (type instanceof AbiType.FixedListT f) {
            List<WitValue> items = new ArrayList<>(f.length());
            for (int i = 0; i < f.length(); i++) {
                items.add(loadUnchecked(f.element(), ptr + i * f.element().size()));
            }
            return new WitValue.ListV(items);
        } else if (type instanceof AbiType.RecordT r) {
            Map<String, WitValue> fields = new LinkedHashMap<>();
            for (AbiType.Field f : r.fields()) {
                fields.put(f.name(), loadUnchecked(f.type(), ptr + f.offset()));
            }
            return new WitValue.RecordV(fields);
        } else if (type instanceof AbiType.TupleT t) {
            List<WitValue> items = new ArrayList<>(t.types().size());
            for (int i = 0; i < t.types().size(); i++) {
                items.add(loadUnchecked(t.types().get(i), ptr + t.offsets()[i]));
            }
            return new WitValue.TupleV(items);
        } else if (type instanceof AbiType.FlagsT f) {
            int n = f.flags().size();
            int[] words = new int[f.words()];
            if (n == 0) {
                return new WitValue.FlagsV(Set.of());
            } else if (n <= 8) {
                words[0] = memory.readByte(ptr) & 0xFF;
            } else if (n <= 16) {
                words[0] = memory.readShort(ptr) & 0xFFFF;
            } else {
                for (int i = 0; i < words.length; i++) {
                    words[i] = memory.readInt(ptr + 4 * i);
                }
            }
            return flags(f, words);
        } else if (type instanceof AbiType.EnumT e) {
            return new WitValue.EnumV(e.cases().get(checkIndex(discriminant(e.layout(), ptr), e.cases().size(), e.wit())));
        } else if (type instanceof AbiType.VariantT v) {
            int index = checkIndex(discriminant(v.layout(), ptr), v.cases().size(), v.wit());
            AbiType.Case c = v.cases().get(index);
            return new WitValue.VariantV(c.name(), c.type() == null ? null : loadUnchecked(c.type(), ptr + v.layout().payloadOffset()));
        } else if (type instanceof AbiType.OptionT o) {
            int index = checkIndex(discriminant(o.layout(), ptr), 2, o.wit());
            return new WitValue.OptionV(index == 0 ? null : loadUnchecked(o.inner(), ptr + o.layout().payloadOffset()));
        } else if (type instanceof AbiType.ResultT r) {
            int index = checkIndex(discriminant(r.layout(), ptr), 2, r.wit());
            AbiType t = index == 0 ? r.ok() : r.err();
            return new WitValue.ResultV(index == 0, t == null ? null : loadUnchecked(t, ptr + r.layout().payloadOffset()));
        } else if (type instanceof AbiType.OwnT o) {
            return liftOwn(o, memory.readInt(ptr));
        } else if (type instanceof AbiType.BorrowT b) {
            return liftBorrow(b, memory.readInt(ptr));
        }
        throw new IllegalStateException("unknown ABI type " + type);
    }

    private WitValue liftOwn(AbiType.OwnT type, int index) {
        return new WitValue.Handle(type.resource(), table(type).liftOwn(type.resource(), index));
    }

    private WitValue liftBorrow(AbiType.BorrowT type, int index) {
        return new WitValue.Handle(type.resource(), table(type).liftBorrow(type.resource(), index, scope));
    }

    private HandleTable table(AbiType type) {
        if (handles == null) {
            throw new AbiTrap(type.wit() + " is a resource handle, which needs a component instance's handle table");
        }
        return handles;
    }

    private int discriminant(Layout.Variant layout, int ptr) {
        return switch (layout.discriminantSize()) {
            case 1 -> memory.readByte(ptr) & 0xFF;
            case 2 -> memory.readShort(ptr) & 0xFFFF;
            default -> memory.readInt(ptr);
        };
    }

    private WitValue loadString(int ptr, int len) {
        if (spec) {
            return loadEncodedString(ptr, len);
        }
        long length = len & 0xFFFFFFFFL;
        if (length == 0) {
            return new WitValue.Str("");
        }
        checkRange(ptr, length, 1, "string");
        return new WitValue.Str(decode(StandardCharsets.UTF_8, memory.readBytes(ptr, (int) length), ptr, "UTF-8"));
    }

    /** The spec's load_string_from_range: the length counts code units of the options' encoding. */
    private WitValue loadEncodedString(int ptr, int units) {
        long u = units & 0xFFFFFFFFL;
        long bytes;
        int align;
        java.nio.charset.Charset charset;
        String name;
        switch (encoding) {
            case UTF8 -> {
                bytes = u;
                align = 1;
                charset = StandardCharsets.UTF_8;
                name = "UTF-8";
            }
            case UTF16 -> {
                bytes = 2 * u;
                align = 2;
                charset = StandardCharsets.UTF_16LE;
                name = "UTF-16";
            }
            default -> {
                align = 2;
                if ((units & StringEncoding.UTF16_TAG) != 0) {
                    bytes = 2 * (u & ~(long) StringEncoding.UTF16_TAG & 0xFFFFFFFFL);
                    charset = StandardCharsets.UTF_16LE;
                    name = "UTF-16";
                } else {
                    bytes = u;
                    charset = StandardCharsets.ISO_8859_1;
                    name = "Latin-1";
                }
            }
        }
        if (bytes > MAX_BYTE_LENGTH) {
            throw new AbiTrap("string at " + (ptr & 0xFFFFFFFFL) + " of " + bytes + " bytes is longer than the limit of "
                    + MAX_BYTE_LENGTH + " bytes");
        }
        checkRange(ptr, bytes, align, "string");
        if (bytes == 0) {
            return new WitValue.Str("");
        }
        return new WitValue.Str(decode(charset, memory.readBytes(ptr, (int) bytes), ptr, name));
    }

    private static String decode(java.nio.charset.Charset charset, byte[] bytes, int ptr, String name) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AbiTrap("string at " + (ptr & 0xFFFFFFFFL) + " (" + bytes.length + " bytes) is not valid " + name);
        }
    }

    private WitValue loadList(AbiType element, int ptr, int len) {
        long count = len & 0xFFFFFFFFL;
        long bytes = count * element.size();
        if (spec) {
            if (bytes > MAX_BYTE_LENGTH) {
                throw new AbiTrap("list at " + (ptr & 0xFFFFFFFFL) + " of " + bytes + " bytes is longer than the limit of "
                        + MAX_BYTE_LENGTH + " bytes");
            }
            checkRange(ptr, bytes, element.align(), "list<" + element.wit() + ">");
        }
        if (count == 0) {
            return element == AbiType.Scalar.U8 ? new WitValue.Bytes(new byte[0]) : new WitValue.ListV(List.of());
        }
        checkRange(ptr, bytes, element.align(), "list<" + element.wit() + ">");
        if (element == AbiType.Scalar.U8) {
            return new WitValue.Bytes(memory.readBytes(ptr, (int) count));
        }
        List<WitValue> items = new ArrayList<>((int) Math.min(count, 1 << 16));
        for (long i = 0; i < count; i++) {
            items.add(loadUnchecked(element, (int) (ptr + i * element.size())));
        }
        return new WitValue.ListV(items);
    }

    private void checkRange(int ptr, long size, int align, String what) {
        long p = ptr & 0xFFFFFFFFL;
        if (p % align != 0) {
            throw new AbiTrap(what + " at " + p + " is not aligned to " + align);
        }
        if (p + size > memory.byteSize()) {
            throw new AbiTrap(what + " at " + p + " (" + size + " bytes) is outside guest memory (" + memory.byteSize() + " bytes)");
        }
    }

    static WitValue scalarFromBits(AbiType.Scalar s, long v) {
        return switch (s) {
            case BOOL -> new WitValue.Bool((int) v != 0);
            case S8 -> new WitValue.Int((byte) v);
            case U8 -> new WitValue.Int(v & 0xFF);
            case S16 -> new WitValue.Int((short) v);
            case U16 -> new WitValue.Int(v & 0xFFFF);
            case S32 -> new WitValue.Int((int) v);
            case U32 -> new WitValue.Int(v & 0xFFFFFFFFL);
            case S64, U64 -> new WitValue.Int(v);
            case F32 -> new WitValue.F32(Float.intBitsToFloat((int) v));
            case F64 -> new WitValue.F64(Double.longBitsToDouble(v));
            case CHAR -> new WitValue.Char(checkChar((int) v));
            case STRING -> throw new IllegalStateException("a string is two core values");
        };
    }

    private static WitValue flags(AbiType.FlagsT f, int[] words) {
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < f.flags().size(); i++) {
            if ((words[i / 32] & (1 << (i % 32))) != 0) {
                set.add(f.flags().get(i));
            }
        }
        return new WitValue.FlagsV(set);
    }

    private static int checkIndex(int index, int count, String type) {
        if (index < 0 || index >= count) {
            throw new AbiTrap("discriminant " + (index & 0xFFFFFFFFL) + " is out of range for " + type);
        }
        return index;
    }

    private static int checkChar(int cp) {
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw new AbiTrap("0x" + Integer.toHexString(cp) + " is not a Unicode scalar value (char)");
        }
        return cp;
    }

    /** The memory of options that name none: any access traps. */
    static final class NoMemory implements GuestMemory {
        static final NoMemory INSTANCE = new NoMemory();

        private static AbiTrap trap() {
            return new AbiTrap("the value needs linear memory, but the canonical options name none");
        }

        public long byteSize() {
            throw trap();
        }

        public byte readByte(int addr) {
            throw trap();
        }

        public short readShort(int addr) {
            throw trap();
        }

        public int readInt(int addr) {
            throw trap();
        }

        public long readLong(int addr) {
            throw trap();
        }

        public byte[] readBytes(int addr, int length) {
            throw trap();
        }

        public void writeByte(int addr, byte value) {
            throw trap();
        }

        public void writeShort(int addr, short value) {
            throw trap();
        }

        public void writeInt(int addr, int value) {
            throw trap();
        }

        public void writeLong(int addr, long value) {
            throw trap();
        }

        public void writeBytes(int addr, byte[] bytes) {
            throw trap();
        }
    }
}
