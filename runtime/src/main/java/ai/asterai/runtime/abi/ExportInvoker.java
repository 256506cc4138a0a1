package ai.asterai.runtime.abi;

import java.util.List;

/**
 * Calls a guest export through the canonical ABI: lowers the arguments (directly, or as a tuple in
 * memory allocated with {@code cabi_realloc} when they flatten to more than 16 values), calls the core
 * function, lifts the result (directly, or from the return area it points to), then calls the
 * post-return function with the core results so the guest can free what it returned.
 *
 * <p>Works on {@link GuestMemory} and {@link Realloc} only, so a component-model host can reuse it.
 */
public final class ExportInvoker {
    private final WitSignature signature;
    private final CoreFunction function;
    private final CoreFunction postReturn;

    /** {@code postReturn} may be null. */
    public ExportInvoker(WitSignature signature, CoreFunction function, CoreFunction postReturn) {
        this.signature = signature;
        this.function = function;
        this.postReturn = postReturn;
    }

    public WitSignature signature() {
        return signature;
    }

    /** Returns the result, or null for a function without one. */
    public WitValue invoke(GuestMemory memory, Realloc realloc, List<WitValue> args) {
        List<WitSignature.Param> params = signature.params();
        if (args.size() != params.size()) {
            throw new ArgumentMismatch("", signature.name() + " takes " + params.size() + " argument(s), got " + args.size());
        }
        Lowerer lowerer = new Lowerer(memory, realloc);
        long[] core;
        if (signature.paramsInMemory()) {
            AbiType.TupleT tuple = signature.paramTuple();
            int ptr = realloc.realloc(0, 0, tuple.align(), tuple.size());
            try {
                lowerer.store(tuple, new WitValue.TupleV(args), ptr);
            } catch (ValueMismatch e) {
                throw new ArgumentMismatch(e.path(), e.reason());
            }
            core = new long[] {ptr & 0xFFFFFFFFL};
        } else {
            FlatWriter out = new FlatWriter();
            for (int i = 0; i < params.size(); i++) {
                try {
                    lowerer.lowerFlat(params.get(i).type(), args.get(i), out);
                } catch (ValueMismatch e) {
                    // "items" + "[0].key" -> items[0].key, "entry" + "key" -> entry.key
                    String inner = e.path().isEmpty() || e.path().startsWith("[") ? e.path() : "." + e.path();
                    throw new ArgumentMismatch(params.get(i).name() + inner, e.reason());
                }
            }
            core = out.toArray();
        }
        long[] results = function.call(core);
        WitValue value = liftResult(memory, results);
        if (postReturn != null) {
            postReturn.call(results == null ? new long[0] : results);
        }
        return value;
    }

    private WitValue liftResult(GuestMemory memory, long[] results) {
        AbiType type = signature.result();
        int expected = signature.exportCore().results().size();
        int got = results == null ? 0 : results.length;
        if (got != expected) {
            throw new AbiTrap(signature.name() + " returned " + got + " core values, its WIT type needs " + expected);
        }
        if (type == null) {
            return null;
        }
        Lifter lifter = new Lifter(memory);
        if (signature.resultInMemory()) {
            return lifter.load(type, (int) results[0]);
        }
        FlatReader in = new FlatReader(results);
        return lifter.liftFlat(type, in);
    }
}
