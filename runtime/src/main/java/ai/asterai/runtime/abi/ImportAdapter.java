package ai.asterai.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * The host side of a guest's import: lifts the guest's core arguments into {@link WitValue}s, calls the
 * Java implementation, and lowers its result (as flat values, or into the return area the guest passed
 * as the last argument, allocating strings and lists with the guest's {@code cabi_realloc}).
 */
public final class ImportAdapter {
    /** The Java side of one imported function. */
    @FunctionalInterface
    public interface Implementation {
        /** Returns the result, or null for a function without one. */
        WitValue call(List<WitValue> args);
    }

    private final WitSignature signature;
    private final Implementation implementation;

    public ImportAdapter(WitSignature signature, Implementation implementation) {
        this.signature = signature;
        this.implementation = implementation;
    }

    public WitSignature signature() {
        return signature;
    }

    public long[] handle(GuestMemory memory, Realloc realloc, long[] core) {
        int expected = signature.importCore().params().size();
        if (core.length != expected) {
            throw new AbiTrap(signature.name() + " was called with " + core.length + " core values, its WIT type needs " + expected);
        }
        Lifter lifter = new Lifter(memory);
        List<WitValue> args = new ArrayList<>();
        if (signature.paramsInMemory()) {
            WitValue.TupleV tuple = (WitValue.TupleV) lifter.load(signature.paramTuple(), (int) core[0]);
            args.addAll(tuple.items());
        } else {
            FlatReader in = new FlatReader(core);
            for (WitSignature.Param p : signature.params()) {
                args.add(lifter.liftFlat(p.type(), in));
            }
        }
        WitValue result = implementation.call(args);
        AbiType type = signature.result();
        if (type == null) {
            return new long[0];
        }
        Lowerer lowerer = new Lowerer(memory, realloc);
        if (signature.resultInMemory()) {
            int retptr = (int) core[core.length - 1];
            lowerer.store(type, result, retptr);
            return new long[0];
        }
        FlatWriter out = new FlatWriter();
        lowerer.lowerFlat(type, result, out);
        return out.toArray();
    }
}
