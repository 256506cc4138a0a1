package ai.asterai.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/** Canonical ABI layout rules: struct offsets, variant discriminants and payload placement, flattening. */
public final class Layout {
    private Layout() {
    }

    public record Struct(int[] offsets, int size, int align) {
    }

    /**
     * A variant-shaped layout (variant, enum, option, result).
     *
     * @param discriminantSize 1, 2 or 4 bytes
     * @param payloadOffset    where every case's payload starts
     * @param flat             discriminant i32 followed by the joined payload slots
     */
    public record Variant(int discriminantSize, int payloadOffset, int size, int align, List<CoreType> flat) {
        public Variant {
            flat = List.copyOf(flat);
        }
    }

    public static int alignTo(int offset, int align) {
        return Math.addExact(offset, align - 1) / align * align;
    }

    public static Struct struct(List<AbiType> types) {
        int[] offsets = new int[types.size()];
        int s = 0;
        int align = 1;
        for (int i = 0; i < types.size(); i++) {
            AbiType t = types.get(i);
            s = alignTo(s, t.align());
            offsets[i] = s;
            s = Math.addExact(s, t.size());
            align = Math.max(align, t.align());
        }
        return new Struct(offsets, alignTo(s, align), align);
    }

    /** {@code cases} holds each case's payload type, or null for none. */
    public static Variant variant(List<AbiType> cases) {
        int n = cases.size();
        int disc = n <= 256 ? 1 : n <= 65536 ? 2 : 4;
        int caseAlign = 1;
        int caseSize = 0;
        List<CoreType> payload = new ArrayList<>();
        for (AbiType c : cases) {
            if (c == null) {
                continue;
            }
            caseAlign = Math.max(caseAlign, c.align());
            caseSize = Math.max(caseSize, c.size());
            List<CoreType> f = c.flat();
            for (int i = 0; i < f.size(); i++) {
                if (i < payload.size()) {
                    payload.set(i, CoreType.join(payload.get(i), f.get(i)));
                } else {
                    payload.add(f.get(i));
                }
            }
        }
        int align = Math.max(disc, caseAlign);
        int payloadOffset = alignTo(disc, caseAlign);
        int size = alignTo(Math.addExact(payloadOffset, caseSize), align);
        List<CoreType> flat = new ArrayList<>();
        flat.add(CoreType.I32);
        flat.addAll(payload);
        return new Variant(disc, payloadOffset, size, align, flat);
    }

    public static List<CoreType> concatFlat(List<AbiType> types) {
        List<CoreType> out = new ArrayList<>();
        for (AbiType t : types) {
            out.addAll(t.flat());
        }
        return out;
    }
}
